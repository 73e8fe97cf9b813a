import { describe, expect, it } from '@jest/globals';
import { PassThrough } from 'node:stream';
import { formatLogLine, PrefixedOutput } from './log-output.js';

describe('fleet log output', () => {
  const pinoLine = JSON.stringify({ level: 40, time: '2026-01-02T03:04:05.678Z', pid: 7, hostname: 'h', app: 'qr', msg: 'slow query', ms: 950 });

  it('turns a pino line into time, level, message and the remaining fields', () => {
    expect(formatLogLine(pinoLine, 'pretty')).toBe('03:04:05.678 WARN  slow query {"ms":950}');
  });

  it('keeps JSON lines as they are in json format, and lines that are not JSON in any format', () => {
    expect(formatLogLine(pinoLine, 'json')).toBe(pinoLine);
    expect(formatLogLine('[41] 2026/01/02 03:04:05.678901 [INF] Server is ready', 'pretty')).toBe('[41] 2026/01/02 03:04:05.678901 [INF] Server is ready');
    expect(formatLogLine('{not json', 'pretty')).toBe('{not json');
  });

  it('prefixes each line with its source padded to the longest name', () => {
    const stream = new PassThrough();
    const output = new PrefixedOutput(['qr', 'retribusi-ingest'], 'pretty', false, stream);
    output.line('qr', pinoLine);
    output.plain('ready');
    expect(String(stream.read())).toBe(`qr               | 03:04:05.678 WARN  slow query {"ms":950}\nready\n`);
  });
});
