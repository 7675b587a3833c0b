/**
 * Diagnostic messages in the editor's language for the checks whose core message is English (name.*, file.*):
 * rebuilt from the finding's data, so no message text is parsed except the style-book note. The date checks
 * already write Arabic for Arabic articles. Fix titles follow the same way (a small table of title shapes).
 */
import type { Finding } from '../core/types';

const q = (s: string) => `«${s}»`;

type Spelling = { text: string; count: number };

function arMessage(f: Finding): string | undefined {
  const d = (f.data ?? {}) as Record<string, unknown>;
  switch (f.code) {
    case 'name.variant': {
      const sp = (d.spellings as Spelling[] | undefined) ?? [];
      if (!sp.length) return undefined;
      const list = [...sp].sort((a, b) => b.count - a.count).map((s) => `${q(s.text)} (${s.count}×)`).join('، ');
      const pref = /the style book prefers '([^']+)'/.exec(f.message)?.[1];
      return `${d.kind === 'orthographic' ? 'اسم مكتوب بطريقتين' : 'اسم مكتوب بصيغتين'}: ${list}${pref ? `؛ ودليل الأسلوب يفضّل ${q(pref)}` : ''}.`;
    }
    case 'name.stylebook':
      return typeof d.preferred === 'string' && typeof d.variant === 'string' ? `دليل الأسلوب يفضّل ${q(d.preferred)} على ${q(d.variant)}.` : undefined;
    case 'name.first-mention': {
      const bare = f.message.match(/'([^']+)'/)?.[1];
      return typeof d.fullName === 'string' && bare ? `أول ذكر في المتن هو الاسم المجرد ${q(bare)}؛ والاسم الكامل ${q(d.fullName)} لا يأتي إلا لاحقا.` : undefined;
    }
    case 'name.role-conflict': {
      const roles = d.roles as string[] | undefined;
      const name = f.message.match(/^'([^']+)'/)?.[1];
      return roles?.length === 2 && name ? `${q(name)} هو ${q(roles[1])} هنا لكنه ${q(roles[0])} قبل ذلك.` : undefined;
    }
    case 'name.variant-across':
      return typeof d.spelling === 'string' && typeof d.majority === 'string'
        ? `${q(d.spelling)} مكتوب ${q(d.majority)} في ${d.articles} مقالات أخرى من مساحة العمل.`
        : undefined;
    default:
      return undefined;
  }
}

const AR_TITLES: Array<[RegExp, (m: RegExpExecArray) => string]> = [
  [/^Use the style-book spelling '(.+)'$/, (m) => `استعمل كتابة دليل الأسلوب ${q(m[1])}`],
  [/^Use the majority spelling '(.+)'$/, (m) => `استعمل كتابة الأغلبية ${q(m[1])}`],
  [/^Use the workspace spelling '(.+)' \((\d+)× in this article\)$/, (m) => `استعمل كتابة مساحة العمل ${q(m[1])} (${m[2]}× في هذا المقال)`],
  [/^Write the full name '(.+)' here$/, (m) => `اكتب الاسم الكامل ${q(m[1])} هنا`],
  [/^Use '(.+)'$/, (m) => `استعمل ${q(m[1])}`],
];

function arTitle(title: string): string {
  for (const [re, f] of AR_TITLES) {
    const m = re.exec(title);
    if (m) return f(m);
  }
  return title;
}

/** The finding with message and fix titles in `locale` ('ar…'); other locales get it unchanged. */
export function localizeFinding<F extends Finding>(f: F, locale: string | undefined): F {
  if (!locale || !/^ar\b/i.test(locale)) return f;
  const message = arMessage(f);
  const fixes = f.fixes.map((x) => ({ ...x, title: arTitle(x.title) }));
  return { ...f, message: message ?? f.message, fixes };
}
