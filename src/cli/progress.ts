import type { ScanProgress } from '../scanner/scan.js';
import type { CliIo } from './command.js';

/**
 * A one-line progress bar on stderr (files done / total, rate, ETA), redrawn at most ten times a
 * second; nothing at all when stderr is not a terminal or `--no-progress` is given.
 */
export function progressReporter(io: CliIo, enabled: boolean): { update: (progress: ScanProgress) => void; done: () => void } {
  if (!enabled || !io.stderrIsTTY) return { update: () => {}, done: () => {} };
  let lastDraw = 0;
  let phaseStart = Date.now();
  let phase = '';
  let drawn = false;
  return {
    update(progress) {
      const now = Date.now();
      if (progress.phase !== phase) {
        phase = progress.phase;
        phaseStart = now;
      }
      if (now - lastDraw < 100 && progress.done !== progress.total) return;
      lastDraw = now;
      const elapsed = Math.max(1, now - phaseStart) / 1000;
      const rate = progress.done / elapsed;
      const eta = rate > 0 ? Math.ceil((progress.total - progress.done) / rate) : 0;
      const width = 24;
      const filled = progress.total === 0 ? width : Math.round((progress.done / progress.total) * width);
      const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
      io.stderr(`\r${phase.padEnd(9)} ${bar} ${progress.done}/${progress.total} files  ${rate.toFixed(0)}/s  ETA ${eta}s\u001b[K`);
      drawn = true;
    },
    done() {
      if (drawn) io.stderr('\r\u001b[K');
    },
  };
}
