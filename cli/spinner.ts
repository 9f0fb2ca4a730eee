const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/** A one-line progress indicator on stderr, drawn only when stderr is a terminal. */
export class Spinner {
  private timer: ReturnType<typeof setInterval> | undefined;
  private text = "";
  private frame = 0;

  constructor(
    private readonly stderr: { write(text: string): void },
    private readonly enabled: boolean,
  ) {}

  start(text: string): void {
    this.text = text;
    if (!this.enabled || this.timer) return;
    this.draw();
    this.timer = setInterval(() => this.draw(), 80);
  }

  update(text: string): void {
    this.text = text;
  }

  /** Clears the line; `final` is printed in its place (on a terminal only). */
  stop(final?: string): void {
    if (!this.timer) return;
    clearInterval(this.timer);
    this.timer = undefined;
    this.stderr.write(`\r\x1b[2K${final ? `${final}\n` : ""}`);
  }

  private draw(): void {
    this.frame = (this.frame + 1) % FRAMES.length;
    this.stderr.write(`\r\x1b[2K${FRAMES[this.frame]} ${this.text}`);
  }
}
