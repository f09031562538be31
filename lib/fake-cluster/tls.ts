/**
 * A throwaway certificate authority and a serving certificate for 127.0.0.1, made at start-up.
 * kubectl only sends credentials over TLS, so the embedded cluster speaks HTTPS like kind does.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import forge from 'node-forge';

export interface ServingCertificate {
  caPem: string;
  certPem: string;
  keyPem: string;
}

function rsaKeys() {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return {
    publicPem: publicKey,
    privatePem: privateKey,
    forgePublic: forge.pki.publicKeyFromPem(publicKey),
    forgePrivate: forge.pki.privateKeyFromPem(privateKey),
  };
}

function newCertificate(subject: string, publicKey: forge.pki.PublicKey, now: Date): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = `01${randomBytes(8).toString('hex')}`;
  cert.validity.notBefore = new Date(now.getTime() - 60 * 60_000);
  cert.validity.notAfter = new Date(now.getTime() + 365 * 24 * 60 * 60_000);
  cert.setSubject([{ name: 'commonName', value: subject }]);
  return cert;
}

/**
 * The serving certificate kept in `dir` when it is still good for these hosts (so kubeconfigs
 * and running clients keep working across restarts), else a new one saved there.
 */
export function loadOrMakeServingCertificate(dir: string, hosts: string[], now = new Date()): ServingCertificate {
  const files = { caPem: join(dir, 'ca.crt'), certPem: join(dir, 'apiserver.crt'), keyPem: join(dir, 'apiserver.key') };
  try {
    const saved = { caPem: readFileSync(files.caPem, 'utf8'), certPem: readFileSync(files.certPem, 'utf8'), keyPem: readFileSync(files.keyPem, 'utf8') };
    const cert = forge.pki.certificateFromPem(saved.certPem);
    const alt = cert.getExtension('subjectAltName') as { altNames?: { ip?: string; value?: string }[] } | null;
    const names = (alt?.altNames ?? []).map((n) => n.ip ?? n.value);
    const fresh = cert.validity.notAfter.getTime() - now.getTime() > 7 * 24 * 60 * 60_000;
    if (fresh && hosts.every((h) => names.includes(h))) return saved;
  } catch {
    // missing or unreadable: make new ones
  }
  const made = makeServingCertificate(hosts, now);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  for (const [field, path] of Object.entries(files)) writeFileSync(path, made[field as keyof ServingCertificate], { mode: 0o600 });
  return made;
}

export function makeServingCertificate(hosts: string[], now = new Date()): ServingCertificate {
  const ca = rsaKeys();
  const caCert = newCertificate('fleetscope-ca', ca.forgePublic, now);
  caCert.setIssuer(caCert.subject.attributes);
  caCert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
  ]);
  caCert.sign(ca.forgePrivate, forge.md.sha256.create());

  const server = rsaKeys();
  const cert = newCertificate('fleetscope-apiserver', server.forgePublic, now);
  cert.setIssuer(caCert.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: hosts.map((h) => (/^[\d.]+$/.test(h) || h.includes(':') ? { type: 7, ip: h } : { type: 2, value: h })),
    },
  ]);
  cert.sign(ca.forgePrivate, forge.md.sha256.create());
  return { caPem: forge.pki.certificateToPem(caCert), certPem: forge.pki.certificateToPem(cert), keyPem: server.privatePem };
}
