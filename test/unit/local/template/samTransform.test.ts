import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { readTemplate, resolveStack } from '../../../../src/local/template';
import type { LocalStack } from '../../../../src/local/stackModel';

const CONTEXT = { stackName: 'orders-test', region: 'eu-west-1', accountId: '123456789012' };
let folder = '';
let count = 0;

beforeAll(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'template-sam-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function resolve(text: string): Promise<{ file: string; stack: LocalStack }> {
  count += 1;
  const file = path.join(folder, `template-${count}.yaml`);
  await writeFile(file, text);
  return { file, stack: resolveStack(await readTemplate(file), CONTEXT) };
}

describe("SAM functions: code folders, invoke config and events as SAM's transform makes them", () => {
  const sam = (functions: string, head = ''): string =>
    ['Transform: AWS::Serverless-2016-10-31', head, 'Resources:', functions].filter((line) => line !== '').join('\n');
  const fn = (name: string, properties: string): string =>
    `  ${name}:\n    Type: AWS::Serverless::Function\n    Properties:\n${properties}`;

  it("runs a function without CodeUri from the template's folder, with its invoke config", async () => {
    const { file, stack } = await resolve(
      sam(
        fn(
          'Plain',
          '      Handler: index.handler\n      Runtime: nodejs20.x\n      EventInvokeConfig:\n        MaximumRetryAttempts: 0\n        MaximumEventAgeInSeconds: 60',
        ),
      ),
    );
    expect(stack.functions.map((f) => [f.codeDirectory, f.maximumRetryAttempts, f.maximumEventAgeSeconds])).toStrictEqual([
      [path.dirname(file), 0, 60],
    ]);
  });

  it('lists the functions it cannot run and the event sources it does not route', async () => {
    const { stack } = await resolve(
      sam(
        [
          fn('Inline', '      Handler: index.handler\n      Runtime: nodejs20.x\n      InlineCode: exports.handler = async () => 1'),
          fn('InS3', '      Handler: index.handler\n      Runtime: nodejs20.x\n      CodeUri: s3://bucket/code.zip'),
          fn('Image', '      PackageType: Image\n      ImageUri: repo/image:latest'),
          fn(
            'Nightly',
            '      Handler: index.handler\n      Runtime: nodejs20.x\n      Events:\n        Every:\n          Type: Schedule\n          Properties: { Schedule: rate(1 day) }',
          ),
        ].join('\n'),
      ),
    );
    expect([stack.functions.map((f) => f.logicalId), stack.skipped]).toStrictEqual([
      ['Nightly'],
      [
        {
          logicalId: 'NightlyEvery',
          type: 'AWS::Serverless::Function event Schedule',
          reason:
            'Resources.Nightly.Properties.Events.Every: local mode routes EventBridge events only (EventBridgeRule and CloudWatchEvent events); this event source is not run',
        },
        {
          logicalId: 'Inline',
          type: 'AWS::Lambda::Function',
          reason:
            'Resources.Inline.Properties.InlineCode: inline code (InlineCode) is not run by local mode; put the handler in a file and set CodeUri to its folder',
        },
        {
          logicalId: 'InS3',
          type: 'AWS::Lambda::Function',
          reason:
            "Resources.InS3.Properties.CodeUri: CodeUri is an S3 location; local mode runs the code in a folder: set CodeUri to the function's folder, relative to the template",
        },
        {
          logicalId: 'Image',
          type: 'AWS::Lambda::Function',
          reason:
            'Resources.Image: a container image function (PackageType: Image) is not run by local mode, which runs Node.js handlers from files',
        },
      ],
    ]);
  });

  it('leaves out the rules of a function whose condition is false', async () => {
    const { stack } = await resolve(
      sam(
        fn(
          'ProdOnly',
          '      Handler: index.handler\n      Runtime: nodejs20.x\n      Events:\n        Placed:\n          Type: EventBridgeRule\n          Properties: { Pattern: { source: [shop] } }',
        ).replace('    Type: AWS::Serverless::Function', '    Type: AWS::Serverless::Function\n    Condition: IsProd'),
        'Conditions:\n  IsProd: !Equals [a, b]',
      ),
    );
    expect([stack.functions, stack.rules]).toStrictEqual([[], []]);
  });
});
