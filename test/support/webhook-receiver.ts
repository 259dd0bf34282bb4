import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhookSignature, type SignatureCheck } from '../../src/webhooks/webhook-signature.js';

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
  /** The receiver's own check, as the platform would run it. */
  check: SignatureCheck;
  status: number;
}

/**
 * A real HTTP receiver on 127.0.0.1 (port 0) that verifies each request's signature with
 * verifyWebhookSignature and answers the statuses given, one per request (then 200; 401 for a bad signature).
 */
export async function startWebhookReceiver(secret: string, statuses: number[] = []): Promise<{
  url: string;
  received: ReceivedWebhook[];
  close(): Promise<void>;
}> {
  const received: ReceivedWebhook[] = [];
  const answers = [...statuses];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const header = (name: string) => request.headers[name.toLowerCase()] as string | undefined;
      const check = verifyWebhookSignature(secret, header('X-Webhook-Signature'), header('X-Webhook-Timestamp'), body);
      const status = !check.valid ? 401 : (answers.shift() ?? 200);
      received.push({ headers: request.headers, body, check, status });
      response.writeHead(status, { 'Content-Type': 'text/plain' }).end(status === 200 ? 'ok' : 'receiver says no');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/contact-recovery`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
