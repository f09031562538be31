/**
 * metal3.io/v1alpha1 BareMetalHost and HardwareData: our own schema of the fields Fleetscope
 * supports, with upstream's names, required fields, enums and patterns (BMO's CRDs).
 */
import type { ResourceDef } from './types';
import { arr, bool, dateTime, int, num, obj, objectReference, str, topLevel } from './schema-builders';

const MAC = '[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}';
const MAC_ANCHORED = `^${MAC}$`;
const secretRef = obj({ name: str(), namespace: str() });
const image = obj(
  {
    url: str(),
    checksum: str(),
    checksumType: str({ enum: ['md5', 'sha256', 'sha512', 'auto'] }),
    format: str({ enum: ['raw', 'qcow2', 'vdi', 'vmdk', 'live-iso'] }),
    ociAuthSecretName: str(),
  },
  ['url'],
);
const rootDeviceHints = obj({
  deviceName: str(),
  hctl: str(),
  minSizeGigabytes: int({ minimum: 0 }),
  model: str(),
  rotational: bool(),
  serialNumber: str(),
  vendor: str(),
  wwn: str(),
  wwnVendorExtension: str(),
  wwnWithExtension: str(),
});
const firmwareConfig = obj({
  simultaneousMultithreadingEnabled: bool(),
  sriovEnabled: bool(),
  virtualizationEnabled: bool(),
});
const raid = obj({
  hardwareRAIDVolumes: arr(
    obj(
      {
        controller: str(),
        level: str({ enum: ['0', '1', '2', '5', '6', '1+0', '5+0', '6+0'] }),
        name: str({ maxLength: 64 }),
        numberOfPhysicalDisks: int({ minimum: 1 }),
        physicalDisks: arr(str()),
        rotational: bool(),
        sizeGibibytes: int({ minimum: 0 }),
      },
      ['level'],
    ),
    { nullable: true },
  ),
  softwareRAIDVolumes: arr(
    obj(
      {
        level: str({ enum: ['0', '1', '1+0'] }),
        physicalDisks: arr(rootDeviceHints),
        rootVolume: bool(),
        sizeGibibytes: int({ minimum: 0 }),
      },
      ['level'],
    ),
    { nullable: true },
  ),
});

export const hardwareDetails = obj({
  cpu: obj({ arch: str(), clockMegahertz: num(), count: int(), flags: arr(str()), model: str() }),
  firmware: obj({ bios: obj({ date: str(), vendor: str(), version: str() }) }),
  hostname: str(),
  nics: arr(
    obj({
      ip: str(),
      lldp: obj({ portID: str(), switchID: str(), switchSystemName: str() }),
      mac: str({ pattern: MAC }),
      model: str(),
      name: str(),
      pciAddress: str(),
      pxe: bool(),
      speedGbps: int(),
      vlanId: int(),
      vlans: arr(obj({ id: int(), name: str() })),
    }),
  ),
  ramMebibytes: int(),
  storage: arr(
    obj({
      alternateNames: arr(str()),
      hctl: str(),
      model: str(),
      name: str(),
      rotational: bool(),
      serialNumber: str(),
      sizeBytes: int(),
      type: str({ enum: ['HDD', 'SSD', 'NVME'] }),
      vendor: str(),
      wwn: str(),
      wwnVendorExtension: str(),
      wwnWithExtension: str(),
    }),
  ),
  systemVendor: obj({ manufacturer: str(), productName: str(), serialNumber: str() }),
});

const operation = obj({ start: dateTime({ nullable: true }), end: dateTime({ nullable: true }) });
const credentialsStatus = obj({ credentials: secretRef, credentialsVersion: str() });

const bmhSpec = obj(
  {
    architecture: str(),
    automatedCleaningMode: str({ enum: ['metadata', 'disabled'] }),
    bmc: obj({ address: str(), credentialsName: str(), disableCertificateVerification: bool() }, ['address', 'credentialsName']),
    bootMACAddress: str({ pattern: MAC }),
    bootMode: str({ enum: ['UEFI', 'UEFISecureBoot', 'legacy'] }),
    consumerRef: objectReference,
    customDeploy: obj({ method: str() }, ['method']),
    description: str(),
    disablePowerOff: bool(),
    externallyProvisioned: bool(),
    firmware: firmwareConfig,
    hardwareProfile: str(),
    image,
    inspectionMode: str({ enum: ['disabled', 'agent', 'fast'] }),
    metaData: secretRef,
    networkData: secretRef,
    networkInterfaces: arr(
      obj({
        hostNetworkAttachment: obj({ name: str({ maxLength: 253 }), namespace: str({ maxLength: 63 }) }),
        macAddress: str({ pattern: MAC_ANCHORED }),
        name: str({ pattern: '^[a-zA-Z0-9._-]+$' }),
        switchPort: obj({ portID: str(), switchID: str({ pattern: MAC_ANCHORED }) }, ['portID', 'switchID']),
      }),
    ),
    online: bool(),
    preprovisioningNetworkDataName: str(),
    raid,
    rootDeviceHints,
    taints: arr(obj({ effect: str(), key: str(), timeAdded: dateTime(), value: str() }, ['effect', 'key'])),
    userData: secretRef,
  },
  ['online'],
);

const condition = obj(
  {
    lastTransitionTime: dateTime(),
    message: str({ maxLength: 32768 }),
    observedGeneration: int({ minimum: 0 }),
    reason: str({ maxLength: 1024, pattern: '^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$' }),
    status: str({ enum: ['True', 'False', 'Unknown'] }),
    type: str({ maxLength: 316 }),
  },
  ['lastTransitionTime', 'message', 'reason', 'status', 'type'],
);

const bmhStatus = obj(
  {
    conditions: arr(condition),
    errorCount: int(),
    errorMessage: str(),
    errorType: str({
      enum: [
        'provisioned registration error',
        'registration error',
        'inspection error',
        'preparation error',
        'provisioning error',
        'power management error',
        'servicing error',
      ],
    }),
    goodCredentials: credentialsStatus,
    hardware: hardwareDetails,
    hardwareProfile: str(),
    lastAttemptedImage: image,
    lastUpdated: dateTime(),
    operationHistory: obj({ deprovision: operation, inspect: operation, provision: operation, register: operation }),
    operationalStatus: str({ enum: ['', 'OK', 'discovered', 'error', 'delayed', 'detached', 'servicing'] }),
    poweredOn: bool(),
    provisioning: obj(
      {
        ID: str(),
        bootMode: str({ enum: ['UEFI', 'UEFISecureBoot', 'legacy'] }),
        customDeploy: obj({ method: str() }, ['method']),
        firmware: firmwareConfig,
        image,
        raid,
        rootDeviceHints,
        state: str(),
      },
      ['ID', 'state'],
    ),
    provisioningFailCount: int(),
    triedCredentials: credentialsStatus,
  },
  ['errorCount', 'errorMessage', 'operationalStatus', 'poweredOn', 'provisioning', 'provisioningFailCount'],
);

export const bareMetalHosts: ResourceDef = {
  group: 'metal3.io',
  version: 'v1alpha1',
  kind: 'BareMetalHost',
  listKind: 'BareMetalHostList',
  plural: 'baremetalhosts',
  singular: 'baremetalhost',
  namespaced: true,
  shortNames: ['bmh', 'bmhost'],
  hasStatus: true,
  tracksGeneration: true,
  strategicMerge: false,
  schema: topLevel({ spec: bmhSpec, status: bmhStatus }),
  internPaths: ['status.hardware'],
  columns: [
    { name: 'Status', type: 'string', description: 'Operational status', priority: 1, jsonPath: '.status.operationalStatus' },
    { name: 'State', type: 'string', description: 'Provisioning status', priority: 0, jsonPath: '.status.provisioning.state' },
    { name: 'Consumer', type: 'string', description: 'Consumer using this host', priority: 0, jsonPath: '.spec.consumerRef.name' },
    { name: 'BMC', type: 'string', description: 'Address of management controller', priority: 1, jsonPath: '.spec.bmc.address' },
    { name: 'Online', type: 'string', description: 'Whether the host is online or not', priority: 0, jsonPath: '.spec.online' },
    { name: 'Error', type: 'string', description: 'Type of the most recent error', priority: 0, jsonPath: '.status.errorType' },
    { name: 'Age', type: 'date', description: 'Time duration since creation of BaremetalHost', priority: 0, jsonPath: '.metadata.creationTimestamp' },
  ],
};

export const hardwareData: ResourceDef = {
  group: 'metal3.io',
  version: 'v1alpha1',
  kind: 'HardwareData',
  listKind: 'HardwareDataList',
  plural: 'hardwaredata',
  singular: 'hardwaredata',
  namespaced: true,
  shortNames: ['hd'],
  hasStatus: false,
  tracksGeneration: true,
  strategicMerge: false,
  schema: topLevel({ spec: obj({ hardware: hardwareDetails }) }),
  internPaths: ['spec.hardware'],
  columns: [
    { name: 'Age', type: 'date', description: 'Time duration since creation of HardwareData', priority: 0, jsonPath: '.metadata.creationTimestamp' },
  ],
};
