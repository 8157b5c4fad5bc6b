import { JestEventBridgeError } from '../foundation/errors';

/** The embedded emulator could not be started, or a prerequisite (Python, moto) is missing. */
export class EmulatorError extends JestEventBridgeError {}

/** Variables that point the library (and the AWS SDK) at an emulator that is already running. */
const ALREADY_RUNNING =
  'To use an emulator that is already running instead (LocalStack, or `npx jest-eventbridge emulator` in another terminal), ' +
  'leave `emulator` out and set AWS_ENDPOINT_URL=http://host:port (or the `endpoint` option).';

export const INSTALL_MOTO = "pip install 'moto[server]>=5,<6'";

/** Where the Python came from: the option, the variable, or the default names tried in turn. */
export type PythonSource = 'option' | 'env' | 'default';

function named(tried: readonly string[], source: PythonSource): string {
  const list = tried.join(', ');
  return source === 'env' ? `${list}, from JEST_EVENTBRIDGE_PYTHON` : source === 'option' ? `${list}, from the python option` : list;
}

export function pythonMissingMessage(tried: readonly string[], source: PythonSource): string {
  const fix =
    source === 'default'
      ? 'or set JEST_EVENTBRIDGE_PYTHON to the Python that has moto'
      : 'or correct it to the path of the Python that has moto';
  return (
    `Cannot start the emulator: no Python found (tried ${named(tried, source)}). It runs moto, a Python program: ` +
    `install Python 3 and then moto with \`${INSTALL_MOTO}\`, ${fix}. ` +
    ALREADY_RUNNING
  );
}

export function motoMissingMessage(python: string, detail: string): string {
  return (
    `Cannot start the emulator: ${python} has no usable moto server (${detail.replace(/\.$/, '')}). Install it with ` +
    `\`${python} -m ${INSTALL_MOTO}\`, or set JEST_EVENTBRIDGE_PYTHON to the Python that has moto. ${ALREADY_RUNNING}`
  );
}

export function motoUnsupportedMessage(python: string, detail: string): string {
  return `Cannot start the emulator: ${detail} Install a supported one with \`${python} -m ${INSTALL_MOTO}\`. ` + ALREADY_RUNNING;
}
