/**
 * Decodes the Kubernetes protobuf bodies kubectl sends for built-in kinds (`kubectl create
 * namespace`, `kubectl create secret generic`). Only the writes of the kinds the embedded
 * cluster serves are understood; answers are always JSON, which kubectl accepts.
 *
 * Wire format: the magic bytes `k8s\0`, then a `runtime.Unknown` {typeMeta, raw} whose `raw`
 * is the object's own message (k8s.io/api/core/v1/generated.proto).
 */
import { errors } from './api-error';
import type { KubeObject } from '../kube/object';

const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

type Field = { no: number; wire: number; value: bigint | Buffer };

function readVarint(buf: Buffer, pos: number): [bigint, number] {
  let result = 0n;
  let shift = 0n;
  for (;;) {
    if (pos >= buf.length || shift > 63n) throw errors.badRequest('malformed protobuf body');
    const byte = buf[pos++]!;
    result |= BigInt(byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) return [result, pos];
    shift += 7n;
  }
}

function fields(buf: Buffer): Field[] {
  const out: Field[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const [key, next] = readVarint(buf, pos);
    pos = next;
    const no = Number(key >> 3n);
    const wire = Number(key & 7n);
    if (wire === 0) {
      const [value, after] = readVarint(buf, pos);
      out.push({ no, wire, value });
      pos = after;
    } else if (wire === 2) {
      const [len, after] = readVarint(buf, pos);
      const end = after + Number(len);
      if (end > buf.length) throw errors.badRequest('malformed protobuf body');
      out.push({ no, wire, value: buf.subarray(after, end) });
      pos = end;
    } else if (wire === 1) {
      pos += 8;
    } else if (wire === 5) {
      pos += 4;
    } else {
      throw errors.badRequest('malformed protobuf body');
    }
  }
  return out;
}

const text = (f: Field) => (f.value as Buffer).toString('utf8');
const bytes = (f: Field) => f.value as Buffer;
const int = (f: Field) => Number(f.value as bigint);

function mapEntry(buf: Buffer, decodeValue: (f: Field) => string): [string, string] {
  let key = '';
  let value = '';
  for (const f of fields(buf)) {
    if (f.no === 1) key = text(f);
    if (f.no === 2) value = decodeValue(f);
  }
  return [key, value];
}

function ownerReference(buf: Buffer) {
  const ref: Record<string, unknown> = {};
  for (const f of fields(buf)) {
    if (f.no === 5) ref.apiVersion = text(f);
    else if (f.no === 1) ref.kind = text(f);
    else if (f.no === 3) ref.name = text(f);
    else if (f.no === 4) ref.uid = text(f);
    else if (f.no === 6) ref.controller = int(f) !== 0;
    else if (f.no === 7) ref.blockOwnerDeletion = int(f) !== 0;
  }
  return ref;
}

function objectMeta(buf: Buffer) {
  const meta: Record<string, unknown> = {};
  const labels: Record<string, string> = {};
  const annotations: Record<string, string> = {};
  const finalizers: string[] = [];
  const owners: unknown[] = [];
  for (const f of fields(buf)) {
    // proto2 sends empty optional strings; JSON clients would have left them out
    if (f.wire === 2 && f.no <= 6 && text(f) === '') continue;
    if (f.no === 1) meta.name = text(f);
    else if (f.no === 2) meta.generateName = text(f);
    else if (f.no === 3) meta.namespace = text(f);
    else if (f.no === 6) meta.resourceVersion = text(f);
    else if (f.no === 11) labels[mapEntry(bytes(f), text)[0]] = mapEntry(bytes(f), text)[1];
    else if (f.no === 12) annotations[mapEntry(bytes(f), text)[0]] = mapEntry(bytes(f), text)[1];
    else if (f.no === 13) owners.push(ownerReference(bytes(f)));
    else if (f.no === 14) finalizers.push(text(f));
  }
  if (Object.keys(labels).length) meta.labels = labels;
  if (Object.keys(annotations).length) meta.annotations = annotations;
  if (finalizers.length) meta.finalizers = finalizers;
  if (owners.length) meta.ownerReferences = owners;
  return meta;
}

function namespace(raw: Buffer): KubeObject {
  const obj: KubeObject = { apiVersion: 'v1', kind: 'Namespace' };
  for (const f of fields(raw)) {
    if (f.no === 1) obj.metadata = objectMeta(bytes(f));
    else if (f.no === 2)
      obj.spec = {
        finalizers: fields(bytes(f))
          .filter((s) => s.no === 1)
          .map(text),
      };
  }
  return obj;
}

function secret(raw: Buffer): KubeObject {
  const obj: KubeObject = { apiVersion: 'v1', kind: 'Secret' };
  const data: Record<string, string> = {};
  const stringData: Record<string, string> = {};
  for (const f of fields(raw)) {
    if (f.no === 1) obj.metadata = objectMeta(bytes(f));
    else if (f.no === 2) {
      const [key, value] = mapEntry(bytes(f), (v) => bytes(v).toString('base64'));
      data[key] = value;
    } else if (f.no === 3 && text(f) !== '') obj.type = text(f);
    else if (f.no === 4) {
      const [key, value] = mapEntry(bytes(f), text);
      stringData[key] = value;
    } else if (f.no === 5) obj.immutable = int(f) !== 0;
  }
  obj.data = data;
  if (Object.keys(stringData).length) obj.stringData = stringData;
  return obj;
}

const DECODERS: Record<string, (raw: Buffer) => KubeObject> = { 'v1/Namespace': namespace, 'v1/Secret': secret };

export function decodeKubeProtobuf(body: Buffer): KubeObject {
  if (body.length < 4 || !body.subarray(0, 4).equals(MAGIC)) throw errors.badRequest('the protobuf body does not start with the Kubernetes magic number');
  let apiVersion = '';
  let kind = '';
  let raw: Buffer = Buffer.alloc(0);
  for (const f of fields(body.subarray(4))) {
    if (f.no === 1) {
      for (const t of fields(bytes(f))) {
        if (t.no === 1) apiVersion = text(t);
        if (t.no === 2) kind = text(t);
      }
    } else if (f.no === 2) raw = bytes(f);
  }
  const decode = DECODERS[`${apiVersion}/${kind}`];
  if (!decode) throw errors.unsupportedMediaType(`application/vnd.kubernetes.protobuf (${apiVersion} ${kind})`);
  return decode(raw);
}
