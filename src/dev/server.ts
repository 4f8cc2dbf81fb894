import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';

/** The path the live-reload client listens on for Server-Sent Events. */
export const eventsPath = '/__guidepress/events';

export interface ServerOptions {
  outDir: string;
  host: string;
  /** The first port tried; the next ones when it is taken. */
  port: number;
  /** An HTML page as served (the index, a built page with the client added), or undefined to leave it to the files. */
  page: (pathname: string) => Promise<string | undefined>;
  /** The events a client gets as it connects: the state it must show at once (standing errors). */
  greeting: () => { event: string; data: unknown }[];
}

export interface DevServer {
  /** `http://127.0.0.1:4000/`. */
  url: string;
  port: number;
  /** Send an event to every open page. */
  broadcast: (event: string, data: unknown) => void;
  close: () => Promise<void>;
}

/** How many ports after the first one are tried before giving up. */
const portsTried = 50;

/**
 * Serve the output folder: the index and HTML pages through `page`, everything else as files (sirv,
 * never cached, so a rebuilt PDF is fetched anew), and one stream of events per open page.
 */
export async function startServer(options: ServerOptions): Promise<DevServer> {
  const files = sirv(options.outDir, { dev: true, dotfiles: false, setHeaders: (res) => res.setHeader('cache-control', 'no-store') });
  const clients = new Set<ServerResponse>();
  const send = (res: ServerResponse, event: string, data: unknown) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const pathname = safePathname(req.url ?? '/');
    if (pathname === undefined) {
      res.writeHead(400).end('Bad request');
      return;
    }
    if (pathname === eventsPath) {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      // The client reconnects after a second if the server restarts.
      res.write('retry: 1000\n\n');
      for (const { event, data } of options.greeting()) send(res, event, data);
      clients.add(res);
      req.on('close', () => clients.delete(res));
      return;
    }
    const html = req.method === 'GET' || req.method === 'HEAD' ? await options.page(pathname) : undefined;
    if (html !== undefined) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : html);
      return;
    }
    files(req, res, () => {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`Not found: ${pathname}\nThe index of everything built is at /`);
    });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`guidepress dev: ${(error as Error).message}`);
    });
  });
  const port = await listen(server, options.host, options.port);
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}/`,
    port,
    broadcast: (event, data) => {
      for (const res of clients) send(res, event, data);
    },
    close: async () => {
      for (const res of clients) res.end();
      clients.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Listen on the first free port from `port` on. */
async function listen(server: Server, host: string, port: number): Promise<number> {
  for (let candidate = port; candidate < port + portsTried; candidate++) {
    const error = await new Promise<NodeJS.ErrnoException | undefined>((resolve) => {
      const onError = (e: NodeJS.ErrnoException) => resolve(e);
      server.once('error', onError);
      server.listen(candidate, host, () => {
        server.off('error', onError);
        resolve(undefined);
      });
    });
    if (!error) return (server.address() as AddressInfo).port;
    if (error.code !== 'EADDRINUSE') throw error;
  }
  throw new Error(`Ports ${port} to ${port + portsTried - 1} are all taken`);
}

/** The request's path, decoded, or undefined when it tries to climb out of the folder. */
export function safePathname(url: string): string | undefined {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url, 'http://localhost').pathname);
  } catch {
    return undefined;
  }
  if (pathname.includes('\0') || pathname.split(/[\\/]/).includes('..')) return undefined;
  return pathname;
}
