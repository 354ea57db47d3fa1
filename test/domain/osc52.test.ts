/** The OSC 52 encoder (issue 16 copy): the exact bytes a terminal reads, and the size cap. */
import { describe, expect, it } from 'vitest';
import { copySequence, osc52, OSC52_MAX_BYTES } from '../../src/domain/osc52.js';

describe('osc52', () => {
  it('is ESC ] 52 ; c ; base64 BEL, byte for byte', () => {
    // base64("web-app-7d4b9c-x2k4q") computed by hand: printf %s web-app-7d4b9c-x2k4q | base64
    expect(osc52('web-app-7d4b9c-x2k4q')).toBe('\x1b]52;c;d2ViLWFwcC03ZDRiOWMteDJrNHE=\x07');
    expect([...Buffer.from(osc52('hi'))]).toEqual([
      0x1b, 0x5d, 0x35, 0x32, 0x3b, 0x63, 0x3b, 0x61, 0x47, 0x6b, 0x3d, 0x07,
    ]);
  });

  it('encodes UTF-8 and newlines, and copies nothing as an empty payload', () => {
    expect(osc52('é\n')).toBe(`\x1b]52;c;${Buffer.from('é\n').toString('base64')}\x07`);
    expect(osc52('')).toBe('\x1b]52;c;\x07');
  });

  it('counts bytes, not characters, and refuses what is over the cap with a line saying so', () => {
    expect(copySequence('é')).toMatchObject({ ok: true, bytes: 2 });
    const atCap = copySequence('x'.repeat(OSC52_MAX_BYTES));
    expect(atCap.ok).toBe(true);
    const over = copySequence('x'.repeat(OSC52_MAX_BYTES + 1));
    expect(over).toMatchObject({ ok: false, bytes: OSC52_MAX_BYTES + 1 });
    if (!over.ok)
      expect(over.error).toBe(
        'too large to copy: 75001 bytes (the clipboard escape takes at most 75000); s saves it to a file',
      );
  });
});
