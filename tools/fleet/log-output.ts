export type LogFormat = 'pretty' | 'json';

const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
const COLORS = [36, 32, 33, 35, 34, 96, 92, 93, 95, 94, 91, 90];

/**
 * One readable line from an app's pino JSON line: time, level, message, then whatever other
 * fields it carries as JSON. Lines that are not pino JSON (nats-server, PostgreSQL) pass as
 * they are, and so does everything in `json` format.
 */
export function formatLogLine(line: string, format: LogFormat): string {
  if (format === 'json' || !line.startsWith('{')) return line;
  let entry: unknown;
  try {
    entry = JSON.parse(line);
  } catch {
    return line;
  }
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return line;
  const { level, time, msg, app: _app, pid: _pid, hostname: _hostname, ...rest } = entry as Record<string, unknown>;
  const clock = typeof time === 'string' ? time.slice(11, 23) : '';
  const label = typeof level === 'number' ? (LEVELS[level] ?? String(level)) : String(level ?? '');
  const extra = Object.keys(rest).length > 0 ? ` ${JSON.stringify(rest)}` : '';
  return `${clock} ${label.padEnd(5)} ${typeof msg === 'string' ? msg : ''}${extra}`.trim();
}

/** Writes every source's lines with its name as a fixed-width prefix (coloured on a terminal). */
export class PrefixedOutput {
  private readonly width: number;
  private readonly colors = new Map<string, number>();

  constructor(
    sources: readonly string[],
    private readonly format: LogFormat,
    private readonly color: boolean,
    private readonly out: NodeJS.WritableStream = process.stdout,
  ) {
    this.width = Math.max(...sources.map((source) => source.length));
    sources.forEach((source, index) => this.colors.set(source, COLORS[index % COLORS.length] as number));
  }

  line(source: string, text: string): void {
    this.out.write(`${this.prefix(source)} ${formatLogLine(text, this.format)}\n`);
  }

  /** A line with no prefix: the one ready line people and scripts look for. */
  plain(text: string): void {
    this.out.write(`${text}\n`);
  }

  private prefix(source: string): string {
    const padded = `${source.padEnd(this.width)} |`;
    return this.color ? `\u001b[${this.colors.get(source) ?? 90}m${padded}\u001b[0m` : padded;
  }
}
