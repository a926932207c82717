import type { HttpRequest, HttpResponse, TlsOptions, Transport } from './transport';
import { TransportError } from './transport';
import { readFileSync } from 'node:fs';

type RequestFn = typeof import('node:http').request;

function classify(err: NodeJS.ErrnoException): TransportError['kind'] {
  const code = err.code ?? '';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'dns';
  if (code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return 'connect';
  if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO|ERR_TLS/.test(code) || /certificate|ssl|tls/i.test(err.message)) return 'tls';
  return 'other';
}

/**
 * Transport on node:http / node:https. The https module is required only for https
 * URLs, so plain-http clouds never pay for it.
 */
export class NodeTransport implements Transport {
  constructor(private readonly tls: TlsOptions = {}) {}

  private tlsMaterial(): { ca?: Buffer; cert?: Buffer; key?: Buffer; rejectUnauthorized: boolean } {
    const read = (file: string | undefined, what: string): Buffer | undefined => {
      if (!file) return undefined;
      try {
        return readFileSync(file);
      } catch (e) {
        throw new TransportError(`Unable to read ${what} file ${file}: ${(e as Error).message}`, file, 'other');
      }
    };
    return {
      ca: read(this.tls.caFile, 'CA certificate'),
      cert: read(this.tls.certFile, 'client certificate'),
      key: read(this.tls.keyFile, 'client key'),
      rejectUnauthorized: !this.tls.insecure,
    };
  }

  send(req: HttpRequest): Promise<HttpResponse> {
    const url = new URL(req.url);
    const isHttps = url.protocol === 'https:';
    if (!isHttps && url.protocol !== 'http:') {
      return Promise.reject(new TransportError(`Unsupported scheme: ${url.protocol.replace(/:$/, '')}`, req.url, 'other'));
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = (isHttps ? require('node:https') : require('node:http')) as { request: RequestFn };
    const headers: Record<string, string> = { ...req.headers };
    if (req.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(req.body));
    const options: Record<string, unknown> = {
      method: req.method,
      headers,
      agent: false,
    };
    if (isHttps) Object.assign(options, this.tlsMaterial());
    return new Promise<HttpResponse>((resolve, reject) => {
      const request = mod.request(url, options, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const out: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers)) {
            if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
          }
          resolve({ status: res.statusCode ?? 0, headers: out, body: Buffer.concat(chunks).toString('utf8') });
        });
        res.on('error', (e) => reject(new TransportError(e.message, req.url, classify(e))));
      });
      request.on('error', (e: NodeJS.ErrnoException) => reject(new TransportError(e.message, req.url, classify(e))));
      if (req.timeoutMs) {
        request.setTimeout(req.timeoutMs, () => {
          request.destroy();
          reject(new TransportError(`Read timed out after ${(req.timeoutMs ?? 0) / 1000} s`, req.url, "timeout"));
        });
      }
      if (req.body !== undefined) request.write(req.body);
      request.end();
    });
  }
}
