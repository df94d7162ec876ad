import rule from '../../rules/no-unscoped-passrole.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule).run({
  valid: [
    {
      name: 'PassRole scoped to role ARNs',
      yaml: `
        service: deployer
        provider:
          name: aws
          iam:
            role:
              statements:
                - Effect: Allow
                  Action: iam:PassRole
                  Resource:
                    - arn:aws:iam::123456789012:role/worker-role
                    - !GetAtt WorkerRole.Arn
        functions:
          deploy:
            handler: handler.deploy
        resources:
          Resources:
            WorkerRole:
              Type: AWS::IAM::Role
              Properties:
                AssumeRolePolicyDocument:
                  Version: '2012-10-17'
                  Statement:
                    - Effect: Allow
                      Principal: { Service: ecs-tasks.amazonaws.com }
                      Action: sts:AssumeRole
      `,
    },
    {
      name: 'PassRole on * with an iam:PassedToService condition',
      yaml: `
        service: deployer
        provider:
          name: aws
          iam:
            role:
              statements:
                - Effect: Allow
                  Action: iam:PassRole
                  Resource: '*'
                  Condition:
                    StringEquals:
                      iam:PassedToService: states.amazonaws.com
        functions:
          deploy:
            handler: handler.deploy
      `,
    },
    {
      name: 'an ${ssm:} role ARN is concrete, and iam:Get* does not include PassRole',
      yaml: `
        service: deployer
        provider:
          name: aws
          iam:
            role:
              statements:
                - Effect: Allow
                  Action: iam:PassRole
                  Resource: \${ssm:/deployer/role-arn}
                - Effect: Allow
                  Action: iam:Get*
                  Resource: '*'
        functions:
          deploy:
            handler: handler.deploy
      `,
    },
    {
      name: 'Deny of PassRole on *',
      yaml: `
        service: deployer
        provider:
          name: aws
          iam:
            role:
              statements:
                - Effect: Deny
                  Action: iam:PassRole
                  Resource: '*'
        functions:
          deploy:
            handler: handler.deploy
      `,
    },
  ],
  invalid: [
    {
      name: 'iam:PassRole on * (string form)',
      yaml: `
        service: deployer
        provider:
          name: aws
          iam:
            role:
              statements:
                - Effect: Allow
                  Action: iam:PassRole
                  Resource: '*'
        functions:
          deploy:
            handler: handler.deploy
      `,
      errors: [{ messageId: 'unscoped', path: 'provider.iam.role.statements[0].Resource', line: 9, functions: ['deploy'], data: { via: '', resource: '*' } }],
    },
    {
      name: 'through iam:* on an ARN that is * in all but name, with an unrelated condition',
      yaml: `
        service: deployer
        provider:
          name: aws
          iam:
            role:
              statements:
                - Effect: Allow
                  Action: [iam:*]
                  Resource:
                    - !Sub arn:\${AWS::Partition}:iam::\${AWS::AccountId}:role/*
                  Condition:
                    StringEquals:
                      aws:RequestedRegion: eu-west-1
        functions:
          deploy:
            handler: handler.deploy
      `,
      errors: [
        {
          messageId: 'unscoped',
          path: 'provider.iam.role.statements[0].Resource[0]',
          data: { via: ' (granted by `iam:*`)', resource: 'arn:<AWS::Partition>:iam::<AWS::AccountId>:role/*' },
        },
      ],
    },
    {
      name: 'inherited into per-function roles: reported once naming every function',
      yaml: `
        service: deployer
        provider:
          name: aws
          iam:
            role:
              mode: perFunction
              statements:
                - Effect: Allow
                  Action: iam:Pass*
                  Resource: arn:aws:iam::*:role/*
        functions:
          a:
            handler: handler.a
          b:
            handler: handler.b
      `,
      errors: [{ messageId: 'unscoped', path: 'provider.iam.role.statements[0].Resource', functions: ['a', 'b'] }],
    },
    {
      name: 'a negated PassedToService does not scope, and NotResource is broad',
      yaml: `
        service: deployer
        provider:
          name: aws
        functions:
          deploy:
            handler: handler.deploy
            iam:
              role:
                statements:
                  - Effect: Allow
                    Action: iam:PassRole
                    NotResource: arn:aws:iam::123456789012:role/admin
                    Condition:
                      StringNotEquals:
                        iam:PassedToService: ec2.amazonaws.com
      `,
      errors: [{ messageId: 'unscopedNotResource', path: 'functions.deploy.iam.role.statements[0].NotResource', functions: ['deploy'] }],
    },
  ],
});
