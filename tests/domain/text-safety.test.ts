// Text safety: folding (NFKC width, case, invisible characters, look-alike letters, separators),
// the built-in Chinese and English lists, an organisation's own words, allowed words, and what
// nicknames get from it (well-formed UTF-16, look-alike-proof uniqueness keys).
import { describe, expect, it } from 'vitest';
import { cleanNickname, nicknameKey } from '$lib/domain/nickname';
import {
	createTextGuard,
	defaultTextGuard,
	foldForMatching,
	nameTextGuard,
	isWellFormedText,
	lookalikeKey
} from '$lib/domain/text-safety';
import { ALLOWED_WORDS, EN_WORDS, ZH_WORDS } from '$lib/domain/text-safety-words';

const refused = (text: string, guard = defaultTextGuard) => {
	const r = guard.check(text);
	return r.ok ? [] : r.matches;
};

describe('foldForMatching', () => {
	it('folds width and case', () => {
		expect(foldForMatching('ＦＵＣＫ')).toBe('fuck');
		expect(foldForMatching('ＡＢＣ１２３')).toBe('abc123');
		expect(foldForMatching('ｶﾀｶﾅ')).toBe(foldForMatching('カタカナ'));
	});

	it('drops zero-width, bidi, format characters and combining marks', () => {
		expect(foldForMatching('f\u200bu\u200cc\u200dk')).toBe('fuck');
		expect(foldForMatching('\u202ef\u2066u\u2069ck\ufeff')).toBe('fuck');
		expect(foldForMatching('fu\u00adck')).toBe('fuck');
		expect(foldForMatching('f\u0336u\u0336c\u0336k\u0336')).toBe('fuck');
		expect(foldForMatching('Jösé')).toBe('jose');
	});

	it('ignores separators between letters', () => {
		for (const s of [
			'f u c k',
			'f.u.c.k',
			'f_u_c_k',
			'f-u*c/k',
			'F · U · C · K',
			'f\u3000u\tc\nk'
		]) {
			expect(foldForMatching(s), s).toBe('fuck');
		}
		expect(foldForMatching('法 轮')).toBe('法轮');
		expect(foldForMatching('法 轮', false)).toBe('法轮');
		expect(foldForMatching('法，轮。功！')).toBe('法轮功');
	});

	it('keeps a space between words unless told to match across words', () => {
		expect(foldForMatching('push it', false)).toBe('push it');
		expect(foldForMatching('push  it')).toBe('pushit');
		expect(foldForMatching('f u c k', false)).toBe('fuck');
		expect(foldForMatching('fuck off', false)).toBe('fuck off');
		expect(foldForMatching('what a shit', false)).toBe('whatashit'); // "a" is spelled out
		expect(foldForMatching('ok fine，法 轮 功', false)).toBe('ok fine法轮功');
		expect(foldForMatching('法ab cd', false)).toBe('法ab cd'); // only the last character counts
	});

	it('folds Cyrillic and Greek look-alikes to Latin', () => {
		expect(foldForMatching('ѕһіt')).toBe('shit'); // Cyrillic ѕ һ і
		expect(foldForMatching('ѕһіт')).toBe('shiт'); // small т looks like a small capital, not t
		expect(foldForMatching('ЅНІТ')).toBe('shit');
		expect(foldForMatching('ΒΙΤСΗ')).toBe('bitch'); // Greek Β Ι Τ Η, Cyrillic С
		expect(foldForMatching('аѕѕhоlе')).toBe('asshole');
	});

	it('turns lone surrogates into nothing that can join letters', () => {
		expect(foldForMatching('fu\ud800ck')).toBe('fuck');
		expect(foldForMatching('😀')).toBe('');
	});
});

describe('defaultTextGuard', () => {
	it.each([
		['fuck', 'fuck'],
		['ｆｕｃｋ', 'fuck'],
		['f.u.c.k', 'fuck'],
		['f\u200bu\u200bc\u200bk', 'fuck'],
		['ѕhit', 'shit'],
		['Bullshit!', 'shit'],
		['傻 逼', '傻逼'],
		['傻B', '傻b'],
		['法 轮 功', '法轮功'],
		['法轮大法好', '法轮大法'],
		['草-泥-马', '草泥马']
	])('refuses %j for %j', (text, term) => {
		expect(refused(text)).toEqual([term]);
	});

	it('lists every term found, each once, in the order found', () => {
		expect(refused('shit, 傻逼 and shit again, fuck')).toEqual(['shit', '傻逼', 'fuck']);
		expect(refused('motherfucker')).toEqual(['motherfucker', 'fuck']);
	});

	it.each([
		'发现火灾应该拨打什么电话？',
		'阻燃剂（flame retardant）能防火吗？',
		'车间要去死角，清理卫生死角',
		'Scunthorpe 的工厂安全吗',
		'Dick Hancock asks about Essex',
		'尼玛次仁',
		'我妈逼我学习安全知识',
		'废物处理要注意什么',
		'How do I push it safely?',
		'Is this hit by the new rule?'
	])('accepts %j', (text) => {
		expect(defaultTextGuard.check(text)).toEqual({ ok: true });
	});

	it('matches across words only for names', () => {
		expect(refused('fu ck')).toEqual([]);
		expect(refused('fu ck', nameTextGuard)).toEqual(['fuck']);
		expect(refused('push it', nameTextGuard)).toEqual(['shit']);
		expect(refused('f u c k you')).toEqual(['fuck']);
	});

	it('does not let an allowed word excuse a term next to it', () => {
		expect(refused('retardant retard')).toEqual(['retard']);
		expect(refused('去死角去死')).toEqual(['去死']);
	});

	it('has Chinese and English lists already in folded form, and allowed words that are not terms', () => {
		for (const w of [...ZH_WORDS, ...EN_WORDS, ...ALLOWED_WORDS])
			expect(foldForMatching(w)).toBe(w);
		expect(ZH_WORDS.length).toBeGreaterThan(10);
		expect(EN_WORDS.length).toBeGreaterThan(10);
	});
});

describe("createTextGuard: an organisation's words", () => {
	it('adds extra words, folded the way text is', () => {
		const guard = createTextGuard({ extraWords: ['竞品公司', 'Ｂａｄ Ｗｏｒｄ', '  ', '...'] });
		expect(refused('请关注竞品 公司的活动', guard)).toEqual(['竞品公司']);
		expect(refused('a bad-word here', guard)).toEqual(['badword']);
		expect(refused('fuck', guard)).toEqual(['fuck']); // built-ins still apply
		expect(guard.check('')).toEqual({ ok: true }); // blank extra words match nothing
	});

	it('can leave out the built-in lists', () => {
		const guard = createTextGuard({ builtIn: false, extraWords: ['内幕'] });
		expect(guard.check('fuck')).toEqual({ ok: true });
		expect(refused('内 幕', guard)).toEqual(['内幕']);
	});

	it('takes extra allowed words, but never one that is itself a listed term', () => {
		const guard = createTextGuard({ extraAllowedWords: ['shitake', 'fuck'] });
		expect(guard.check('shitake mushrooms')).toEqual({ ok: true });
		expect(refused('fuck', guard)).toEqual(['fuck']);
	});
});

describe('isWellFormedText and lookalikeKey', () => {
	it('finds lone surrogates, and passes proper pairs', () => {
		expect(isWellFormedText('ok 😀 𠮷')).toBe(true);
		for (const bad of ['\ud800', 'a\ud800b', '\udc00', 'x\udfff', '😀'.slice(0, 1), '\ude00😀']) {
			expect(isWellFormedText(bad), JSON.stringify(bad)).toBe(false);
		}
	});

	it('folds look-alikes, width and case but keeps accents and digits', () => {
		expect(lookalikeKey('аlice')).toBe('alice');
		expect(lookalikeKey('ΑLΙCΕ')).toBe('alice');
		expect(lookalikeKey('Ｂｏｂ１')).toBe('bob1');
		expect(lookalikeKey('José')).not.toBe(lookalikeKey('Jose'));
		expect(lookalikeKey('Player1')).not.toBe(lookalikeKey('Playerl'));
		expect(lookalikeKey('Caf\u00e9')).toBe('caf\u00e9');
	});
});

describe('nicknames use text safety', () => {
	it('refuses ill-formed UTF-16', () => {
		expect(cleanNickname('\ud800')).toEqual({ ok: false, code: 'NICKNAME_CHARS' });
		expect(cleanNickname('Al\udc00ice')).toEqual({ ok: false, code: 'NICKNAME_CHARS' });
		expect(cleanNickname('😀'.repeat(3))).toEqual({ ok: true, nickname: '😀😀😀' });
	});

	it('gives look-alike spellings one key', () => {
		expect(nicknameKey('аlice')).toBe(nicknameKey('alice')); // Cyrillic а
		expect(nicknameKey('Аlice')).toBe(nicknameKey('Alice')); // Cyrillic А
		expect(nicknameKey('ΑLICE')).toBe(nicknameKey('alice')); // Greek Α
		expect(nicknameKey('Вob')).toBe(nicknameKey('Bob')); // Cyrillic В
		expect(nicknameKey('王小明')).toBe('王小明');
	});

	it('refuses look-alike and invisible disguises of listed words', () => {
		expect(cleanNickname('ѕhit')).toEqual({ ok: false, code: 'NICKNAME_OFFENSIVE' });
		expect(cleanNickname('ƒuck')).toMatchObject({ ok: true }); // ƒ is not a look-alike listed
		expect(cleanNickname('法 轮 功')).toEqual({ ok: false, code: 'NICKNAME_OFFENSIVE' });
	});
});
