/**
 * OSC 52, "Manipulate Selection Data" (xterm's ctlseqs): `ESC ] 52 ; c ; <base64> BEL` asks the terminal to put
 * the text on the system clipboard (`c`). It travels through ssh (it is just output) and through tmux with
 * `set -g set-clipboard on` (tmux then keeps it as a paste buffer and passes it to the outer terminal). BEL ends it
 * rather than ESC \, as tmux, xterm and every terminal that reads OSC 52 accept it, and it is one byte.
 */

/**
 * The most text copied at once, in bytes of UTF-8. tmux 3.3a drops an escape sequence longer than 1 MiB
 * (input.c, INPUT_BUF_LIMIT); some terminals stop far below that, so podscope stays at 75,000 bytes (100,000
 * bytes of base64): a pod's describe or YAML fits, and what does not is refused with a line saying to save it.
 */
export const OSC52_MAX_BYTES = 75_000;

/** The OSC 52 sequence that sets the clipboard to `text`. */
export function osc52(text: string): string {
  return `\x1b]52;c;${Buffer.from(text, 'utf8').toString('base64')}\x07`;
}

/** What a copy of `text` would do: the sequence to write, or why not (too large). */
export function copySequence(
  text: string,
): { ok: true; sequence: string; bytes: number } | { ok: false; bytes: number; error: string } {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > OSC52_MAX_BYTES)
    return {
      ok: false,
      bytes,
      error: `too large to copy: ${bytes} bytes (the clipboard escape takes at most ${OSC52_MAX_BYTES}); s saves it to a file`,
    };
  return { ok: true, sequence: osc52(text), bytes };
}
