// A minimal W3C WebDriver client: just what the desktop tests use, over plain fetch.

const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

async function request(method: string, url: string, body?: unknown): Promise<unknown> {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await response.json()) as { value: unknown };
  if (!response.ok) {
    const v = json.value as { error?: string; message?: string };
    throw new Error(`WebDriver ${method} ${url}: ${v.error ?? response.status}: ${v.message ?? ""}`);
  }
  return json.value;
}

export class WebDriverSession {
  private constructor(
    private readonly base: string,
    readonly id: string,
  ) {}

  static async create(base: string, capabilities: Record<string, unknown>): Promise<WebDriverSession> {
    const value = (await request("POST", `${base}/session`, {
      capabilities: { alwaysMatch: capabilities },
    })) as { sessionId: string };
    return new WebDriverSession(base, value.sessionId);
  }

  private url(path: string): string {
    return `${this.base}/session/${this.id}${path}`;
  }

  async find(css: string): Promise<string> {
    const value = (await request("POST", this.url("/element"), {
      using: "css selector",
      value: css,
    })) as Record<string, string>;
    const id = value[ELEMENT];
    if (!id) throw new Error(`no element id in the answer for ${css}`);
    return id;
  }

  async click(element: string): Promise<void> {
    await request("POST", this.url(`/element/${element}/click`), {});
  }

  async text(element: string): Promise<string> {
    return (await request("GET", this.url(`/element/${element}/text`))) as string;
  }

  /** Polls the text of the element matching `css` until `accept` says yes. */
  async waitForText(css: string, accept: (text: string) => boolean, timeoutMs = 30_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let last: string;
    for (;;) {
      try {
        last = await this.text(await this.find(css));
        if (accept(last)) return last;
      } catch (e) {
        last = `(${e instanceof Error ? e.message : String(e)})`;
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting on ${css}; last text: ${last}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  /** Runs `script` in the window (a returned promise is awaited) and answers its result. */
  async execute<T>(script: string, args: unknown[] = []): Promise<T> {
    return (await request("POST", this.url("/execute/sync"), { script, args })) as T;
  }

  async screenshotPng(): Promise<Buffer> {
    return Buffer.from((await request("GET", this.url("/screenshot"))) as string, "base64");
  }

  async close(): Promise<void> {
    await request("DELETE", this.url(""));
  }
}
