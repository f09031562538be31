/** One HostView for tests: a registered, available, powered-on host in `ns`, with what a test changes. */
import type { HostView } from '../bmh/host-view';

export const NO_HISTORY: HostView['operationHistory'] = { register: [null, null], inspect: [null, null], provision: [null, null], deprovision: [null, null] };

export function testHostView(name: string, patch: Partial<HostView> = {}): HostView {
  return {
    namespace: 'ns',
    name,
    uid: name,
    state: 'available',
    operationalStatus: 'OK',
    errorType: '',
    errorMessage: '',
    errorCount: 0,
    online: true,
    poweredOn: true,
    consumer: '',
    image: '',
    bmcAddress: '',
    bootMACAddress: '',
    created: 0,
    lastTransition: 0,
    operationHistory: NO_HISTORY,
    ...patch,
  };
}
