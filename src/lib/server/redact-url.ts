// Service URLs go into log lines and start-up messages: the password never does.

/** `url` fit for a log line: any password masked; something that is not a URL is left as is. */
export function redactUrl(url: string): string {
	try {
		const u = new URL(url);
		if (u.password) u.password = '***';
		return u.toString();
	} catch {
		return url;
	}
}
