// Service URLs go into log lines and start-up messages: the password never does.

/**
 * `url` fit for a log line: any password masked; something that is not a URL is left as is. A
 * comma-separated list (a Redis Cluster's nodes in REDIS_URL) is masked URL by URL.
 */
export function redactUrl(url: string): string {
	if (url.includes(',')) return url.split(',').map(redactUrl).join(',');
	try {
		const u = new URL(url);
		if (u.password) u.password = '***';
		return u.toString();
	} catch {
		return url;
	}
}
