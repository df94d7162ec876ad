/**
 * The cost of the catalog's first answers in a fresh module instance (vitest isolates
 * each test file): locating the data, reading services.json and three services' files.
 * The time is logged for the record; what is asserted is that only those three services were read.
 */
import { describe, expect, it } from 'vitest';
import { accessLevelOf, actionExists, isWildcardOnlyAction, loadedServices } from '../../src/iam/index.js';

describe('catalog cold start', () => {
  it('answers for 3 services after reading only their files', () => {
    expect(loadedServices()).toEqual([]);
    const start = performance.now();
    const answers = [actionExists('s3:GetObject'), accessLevelOf('dynamodb:GetItem'), isWildcardOnlyAction('sqs:SendMessage')];
    const elapsed = performance.now() - start;
    console.log(`[iamlint] catalog cold start: first answers for s3, dynamodb, sqs in ${elapsed.toFixed(2)} ms`);
    expect(answers).toEqual([true, 'Read', false]);
    expect(loadedServices()).toEqual(['dynamodb', 's3', 'sqs']);
    // Generous: reading every service (what a regression would do) takes hundreds of ms.
    expect(elapsed).toBeLessThan(150);
  });
});
