/**
 * A progress bar on stderr, drawn only when stderr is a terminal (never in pipes, logs or CI).
 */
export class Progress {
  private readonly enabled: boolean;
  private lastDraw = 0;

  constructor(private readonly label: string, stream: NodeJS.WriteStream = process.stderr) {
    this.enabled = Boolean(stream.isTTY) && process.env.PLENUM_NO_PROGRESS !== '1';
    this.stream = stream;
  }

  private readonly stream: NodeJS.WriteStream;

  update(done: number, total: number, phase = ''): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.lastDraw < 80 && done < total) return;
    this.lastDraw = now;
    const width = 28;
    const ratio = total > 0 ? Math.min(1, done / total) : 0;
    const filled = Math.round(ratio * width);
    const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
    this.stream.write(`\r${this.label} ${bar} ${String(Math.round(ratio * 100)).padStart(3)}% ${phase}`.padEnd(80) + '\r');
  }

  phase(text: string): void {
    if (!this.enabled) return;
    this.stream.write(`\r${`${this.label} ${text}`.padEnd(80)}\r`);
  }

  done(): void {
    if (this.enabled) this.stream.write('\r' + ' '.repeat(80) + '\r');
  }
}
