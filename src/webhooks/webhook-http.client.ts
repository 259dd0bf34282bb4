import { Injectable } from '@nestjs/common';

export interface WebhookResponse {
  status: number;
}

/** POSTs a delivery. Redirects are not followed: a 3xx is an answer that is not 2xx, so it is retried. */
@Injectable()
export class WebhookHttpClient {
  async post(url: string, headers: Record<string, string>, body: string, timeoutMilliseconds: number): Promise<WebhookResponse> {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'User-Agent': 'contact-recovery-webhooks/1', ...headers },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMilliseconds),
    });
    // The receiver's answer is not kept (it could echo anything back); draining frees the connection.
    await response.body?.cancel().catch(() => undefined);
    return { status: response.status };
  }
}
