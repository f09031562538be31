/**
 * Upstream Metal3 manifests (BMO's CRDs and examples) for tests. They live outside this
 * repository, in the team's shared folder, and are never copied into the product.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';

const CANDIDATES = [process.env.FLEET_REFERENCE_DIR, resolve(process.cwd(), '../shared/reference/metal3'), '/work/shared/reference/metal3'];

export function referenceDir(): string {
  const dir = CANDIDATES.find((d) => d && existsSync(join(d, 'example-host.yaml')));
  if (!dir) throw new Error(`Metal3 reference manifests not found; set FLEET_REFERENCE_DIR (looked in ${CANDIDATES.filter(Boolean).join(', ')})`);
  return dir;
}

export function referenceText(file: string): string {
  return readFileSync(join(referenceDir(), file), 'utf8');
}

/** All YAML documents of a reference file, as objects. */
export function referenceDocs(file: string): Record<string, unknown>[] {
  return parseAllDocuments(referenceText(file))
    .map((d) => d.toJS() as Record<string, unknown> | null)
    .filter((d): d is Record<string, unknown> => d !== null);
}

export function referencePath(file: string): string {
  return join(referenceDir(), file);
}
