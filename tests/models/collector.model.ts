import type { APIRequestContext } from '@playwright/test';

export interface StoredEvent {
  messageId: string;
  type: string;
  event?: string;
  anonymousId: string;
  userId: string | null;
  properties?: Record<string, unknown>;
  context: { library: { name: string; version: string }; page: { path: string } };
}

/** The reference collector's read API, as a CS dashboard or a test sees it. */
export class CollectorModel {
  constructor(
    private readonly request: APIRequestContext,
    private readonly baseURL: string,
    private readonly token: string,
  ) {}

  async events(limit = 200): Promise<StoredEvent[]> {
    const response = await this.request.get(`${this.baseURL}/api/events?limit=${limit}`, {
      headers: { Authorization: `Bearer ${this.token}` },
    });
    if (!response.ok()) throw new Error(`GET /api/events answered ${response.status()}`);
    const body = await response.json();
    return Array.isArray(body) ? body : body.events;
  }
}
