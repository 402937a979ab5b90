/** Whether a request's Accept-Encoding names gzip with a weight above zero ("gzip", "gzip;q=0.8"; not "gzip;q=0"). */
import type { IncomingMessage } from 'node:http';

export function acceptsGzip(request: IncomingMessage): boolean {
  const accepted = request.headers['accept-encoding'];
  if (typeof accepted !== 'string') return false;
  return accepted.split(',').some((entry) => {
    const [name, ...parameters] = entry.split(';').map((part) => part.trim().toLowerCase());
    const weight = parameters.find((parameter) => parameter.startsWith('q='));
    return name === 'gzip' && (weight === undefined || Number(weight.slice(2)) > 0);
  });
}
