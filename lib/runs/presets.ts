import 'server-only';
/**
 * The presets the Runs page offers are the scenario files shipped in scenarios/, so the page,
 * the CLI and CI run the very same definitions.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScenarioText } from './scenario';

export const PRESET_FILES = ['seed.yaml', 'metal3-1000-batches.yaml', 'bmo-scalability.yaml', 'limits-300.yaml'] as const;

export interface Preset {
  file: string;
  name: string;
  description: string;
  text: string;
}

export function loadPresets(dir = join(process.cwd(), 'scenarios')): Preset[] {
  const out: Preset[] = [];
  for (const file of PRESET_FILES) {
    try {
      const text = readFileSync(join(dir, file), 'utf8');
      const scenario = parseScenarioText(text);
      out.push({ file, name: scenario.name, description: scenario.description ?? '', text });
    } catch {
      // A missing or broken file is left out; the scenario test below keeps them valid.
    }
  }
  return out;
}
