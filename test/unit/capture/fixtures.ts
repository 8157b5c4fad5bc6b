import type { ArnScope } from '../../../src/aws/arns';

export const arnScopeFixture: ArnScope = { partition: 'aws', region: 'us-east-1', account: '123456789012' };
