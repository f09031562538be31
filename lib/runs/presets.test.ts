import { describe, expect, it } from 'vitest';
import { loadPresets, PRESET_FILES } from './presets';

describe('shipped scenarios', () => {
  it('are all valid and offered as presets, in order', () => {
    const presets = loadPresets();
    expect(presets.map((p) => p.file)).toEqual([...PRESET_FILES]);
    expect(presets.map((p) => p.name)).toEqual([
      'The seed: 10 hosts, provision, delete',
      "1,000 hosts in batches of 500, like Metal3's scripts",
      'BMO scalability test: enrollment and provisioning throughput',
      '300 hosts in batches of 100, provision all, delete all',
    ]);
  });
});
