import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KubeconfigError, readKubeconfig } from './lean-kubeconfig';

function file(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'lean-kubeconfig-'));
  writeFileSync(join(dir, 'ca.pem'), 'CA');
  writeFileSync(join(dir, 'token'), 'from-file\n');
  writeFileSync(join(dir, 'config'), text);
  return join(dir, 'config');
}

const config = (user: string, context = 'b') => `
apiVersion: v1
kind: Config
clusters:
  - name: a
    cluster: { server: "https://a:6443", certificate-authority-data: ${Buffer.from('CA-A').toString('base64')} }
  - name: b
    cluster: { server: "https://b:6443", certificate-authority: ca.pem, tls-server-name: kube }
users:
  - name: u
    user: ${user}
contexts:
  - name: a
    context: { cluster: a, user: u }
  - name: b
    context: { cluster: b, user: u }
current-context: ${context}
`;

describe('readKubeconfig', () => {
  it('reads static credentials, files relative to the kubeconfig', () => {
    const info = readKubeconfig(file(config('{ tokenFile: token }')));
    expect(info).toMatchObject({ context: 'b', server: 'https://b:6443' });
    expect(info.connection).toMatchObject({ server: 'https://b:6443', token: 'from-file', servername: 'kube' });
    expect(String(info.connection!.ca)).toBe('CA');
  });

  it('picks the given context', () => {
    const info = readKubeconfig(file(config('{ token: t }')), 'a');
    expect(info.server).toBe('https://a:6443');
    expect(String(info.connection!.ca)).toBe('CA-A');
  });

  it('leaves exec plugins to client-node', () => {
    const info = readKubeconfig(file(config('{ exec: { command: aws, apiVersion: client.authentication.k8s.io/v1 } }')));
    expect(info).toEqual({ context: 'b', server: 'https://b:6443' });
  });

  it('says what is wrong', () => {
    expect(() => readKubeconfig('/nowhere/config')).toThrow(KubeconfigError);
    expect(() => readKubeconfig(file(config('{ token: t }')), 'c')).toThrow(/no context "c" \(it has: a, b\)/);
    expect(() => readKubeconfig(file(config('{ token: t }', 'none')))).toThrow(/no current cluster/);
  });
});
