import { parentPort, workerData } from 'node:worker_threads';
import { SseSubscribers } from './sse-subscribers.js';

/**
 * One reader thread of SseSubscriberPool: holds its share of the streams and answers the
 * pool's commands ('open' → its failures, 'dropped' → streams cut so far, 'close' → what
 * every stream received, with wall-clock times so threads can be compared).
 */
const { url, headers } = workerData as { url: string; headers: Record<string, string> };
const subscribers = new SseSubscribers(url, headers);
const port = parentPort;
if (!port) throw new Error('sse-subscriber-thread runs as a worker thread');

port.on('message', (command: { kind: 'open'; count: number } | { kind: 'dropped' } | { kind: 'close' }) => {
  if (command.kind === 'open') void subscribers.open(command.count).then(() => port.postMessage({ failed: subscribers.failed }));
  else if (command.kind === 'dropped') port.postMessage({ dropped: subscribers.dropped });
  else {
    subscribers.close();
    port.postMessage({ received: subscribers.received });
  }
});
