/**
 * The metal3.io/v1alpha1 kinds, from BMO's own CRDs (crd.ts): BareMetalHost with BMO's
 * validating webhook, HardwareData, and the per-host objects BMO creates in fixture mode:
 * HostFirmwareSettings and the FirmwareSchema they point at.
 */
import { validateChanges, validateHost, WEBHOOK_NAME } from '../admission/baremetalhost-webhook';
import type { AnnotationTypes } from '../admission/bmh-annotations';
import type { Host } from '../admission/bmh-rules';
import type { Schema } from '../schema';
import { crdResource } from './crd';
import type { ResourceDef } from './types';

function annotationTypes(def: ResourceDef): AnnotationTypes {
  const status = def.schema.properties?.status as Schema;
  return { status, hardware: status.properties?.hardware as Schema };
}

const hosts = crdResource('metal3.io_baremetalhosts.yaml', { internPaths: ['status.hardware'] });
const types = annotationTypes(hosts);

export const bareMetalHosts: ResourceDef = {
  ...hosts,
  webhook: {
    name: WEBHOOK_NAME,
    review: (object, old) => (old ? validateChanges(old as Host, object as Host, types) : validateHost(object as Host, types)),
  },
};

export const hardwareData: ResourceDef = crdResource('metal3.io_hardwaredata.yaml', { internPaths: ['spec.hardware'] });

export const hostFirmwareSettings: ResourceDef = crdResource('metal3.io_hostfirmwaresettings.yaml');

/**
 * One FirmwareSchema per namespace gains an owner per host (lib/fake-cluster/firmware-settings.ts):
 * 10,000 versions of an object of up to 1.5 MiB are not history to keep, so its watch cache has
 * kube-apiserver's --default-watch-cache-size (100) rather than the store's default.
 */
export const firmwareSchemas: ResourceDef = { ...crdResource('metal3.io_firmwareschemas.yaml'), watchHistory: 100 };
