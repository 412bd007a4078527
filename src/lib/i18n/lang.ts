// The UI language: Simplified Chinese by default, English on request (?lang=en, then remembered).
export const LANGS = ['zh', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const LANG_COOKIE = 'anda_lang';

function parse(v: string | null | undefined): Lang | null {
	return v === 'en' || v === 'zh' ? v : null;
}

/** The language asked for in the query, else the remembered one, else Chinese. */
export function pickLang(query: string | null, cookie: string | undefined): Lang {
	return parse(query) ?? parse(cookie) ?? 'zh';
}

export const HTML_LANG: Record<Lang, string> = { zh: 'zh-CN', en: 'en' };
