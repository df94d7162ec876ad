import { it } from 'vitest';
import * as iam from '../src/iam/index.js';
it('probe', () => {
  for (const p of ['ec2:Describe*','s3:List*','logs:Describe*','cloudwatch:*','dynamodb:List*','lambda:List*','sns:List*','sqs:List*']) {
    const all = iam.expandActionPattern(p);
    const rl = all.filter(a => !iam.isWildcardOnlyAction(a));
    console.log(p, all.length, rl.length, rl.slice(0,20).map(a => a + ':' + iam.resourceTypesOf(a).map(t=>t.name+(t.required?'*':'')).join(',')).join(' '));
  }
});
