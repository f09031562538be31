/**
 * BareMetalHost wire types (metal3.io/v1alpha1), the fields Fleetscope reads and writes.
 * Names and JSON paths are upstream's (baremetalhost_types.go).
 */
import type { HostResources, KubeObject, ObjectMeta } from '../kube/object';

export interface Image {
  url: string;
  checksum?: string;
  checksumType?: 'md5' | 'sha256' | 'sha512' | 'auto';
  format?: 'raw' | 'qcow2' | 'vdi' | 'vmdk' | 'live-iso';
  /** A Secret with registry credentials for an oci:// image. */
  ociAuthSecretName?: string;
}

export interface RootDeviceHints {
  deviceName?: string;
  hctl?: string;
  model?: string;
  vendor?: string;
  serialNumber?: string;
  minSizeGigabytes?: number;
  wwn?: string;
  rotational?: boolean;
}

export interface ObjectReference {
  apiVersion?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  uid?: string;
}

export interface BareMetalHostSpec {
  online: boolean;
  bmc?: { address: string; credentialsName: string; disableCertificateVerification?: boolean };
  bootMACAddress?: string;
  bootMode?: 'UEFI' | 'UEFISecureBoot' | 'legacy';
  image?: Image;
  customDeploy?: { method: string };
  consumerRef?: ObjectReference;
  externallyProvisioned?: boolean;
  inspectionMode?: 'disabled' | 'agent' | 'fast';
  rootDeviceHints?: RootDeviceHints;
  raid?: unknown;
  architecture?: string;
  automatedCleaningMode?: 'metadata' | 'disabled';
  disablePowerOff?: boolean;
  hardwareProfile?: string;
  preprovisioningNetworkDataName?: string;
  description?: string;
  userData?: { name?: string; namespace?: string };
}

export interface OperationMetric {
  start?: string | null;
  end?: string | null;
}

export type Operation = 'register' | 'inspect' | 'provision' | 'deprovision';
export const OPERATIONS: readonly Operation[] = ['register', 'inspect', 'provision', 'deprovision'];

export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason: string;
  message: string;
  lastTransitionTime: string;
  observedGeneration?: number;
}

export interface CredentialsStatus {
  credentials?: { name?: string; namespace?: string };
  credentialsVersion?: string;
}

export interface BareMetalHostStatus {
  operationalStatus?: string;
  errorType?: string;
  errorMessage?: string;
  errorCount?: number;
  poweredOn?: boolean;
  provisioningFailCount?: number;
  lastUpdated?: string;
  hardwareProfile?: string;
  hardware?: Record<string, unknown>;
  provisioning?: {
    state?: string;
    ID?: string;
    image?: Image;
    rootDeviceHints?: RootDeviceHints;
    bootMode?: string;
    customDeploy?: { method: string };
  };
  goodCredentials?: CredentialsStatus;
  triedCredentials?: CredentialsStatus;
  operationHistory?: Partial<Record<Operation, OperationMetric>>;
  conditions?: Condition[];
}

export interface BareMetalHost extends KubeObject {
  metadata: ObjectMeta & { name: string; namespace: string };
  spec: BareMetalHostSpec;
  status?: BareMetalHostStatus;
}

export const BMH_GROUP = 'metal3.io';
export const BMH_VERSION = 'v1alpha1';
export const BMH_PLURAL = 'baremetalhosts';
export const BMH_API_VERSION = `${BMH_GROUP}/${BMH_VERSION}`;

/** What the kube clients (lib/kube) are given to reach Metal3's resources. */
export const METAL3_RESOURCES: HostResources = {
  hosts: { group: BMH_GROUP, version: BMH_VERSION, plural: BMH_PLURAL },
  hardwareData: { group: BMH_GROUP, version: BMH_VERSION, plural: 'hardwaredata' },
};

export const BMH_FINALIZER = 'baremetalhost.metal3.io';
export const ANNOTATIONS = {
  paused: 'baremetalhost.metal3.io/paused',
  detached: 'baremetalhost.metal3.io/detached',
  status: 'baremetalhost.metal3.io/status',
  inspect: 'inspect.metal3.io',
  hardwareDetails: 'inspect.metal3.io/hardwaredetails',
  reboot: 'reboot.metal3.io',
} as const;
