import { events, namespaces, secrets } from './core';
import { bareMetalHosts, firmwareSchemas, hardwareData, hostFirmwareSettings } from './metal3';
import type { ResourceDef } from './types';

export type { ResourceDef, PrinterColumn } from './types';
export { apiVersionOf, resourceId } from './types';

/** Every resource type the embedded cluster serves. */
export const RESOURCES: readonly ResourceDef[] = [namespaces, secrets, events, bareMetalHosts, hardwareData, hostFirmwareSettings, firmwareSchemas];

export { namespaces, secrets, events, bareMetalHosts, hardwareData, hostFirmwareSettings, firmwareSchemas };
