import { list, num, toggle, type SectionSpec } from './field-specs'

/** 过滤: blocked words and users, length and level thresholds, anti-spam windows. */
export const FILTER_SECTIONS: SectionSpec[] = [
  {
    id: 'words',
    title: 's.words',
    fields: [
      list('filter.blockedWords'),
      toggle('filter.blockedPinyin'),
      list('filter.blockedUsers'),
      list('filter.allowedUsers')
    ]
  },
  {
    id: 'thresholds',
    title: 's.thresholds',
    fields: [
      num('filter.minLength', 1, 50),
      num('filter.maxLength', 5, 500),
      num('filter.maxRepeat', 1, 20),
      num('filter.minFansClubLevel', 0, 100),
      num('filter.minGiftDiamonds', 0, 10_000_000)
    ]
  },
  {
    id: 'antiSpam',
    title: 's.antiSpam',
    fields: [
      num('antiSpam.perUserLimit', 0, 100),
      num('antiSpam.perUserWindowSec', 1, 3600),
      num('antiSpam.dedupeWindowSec', 0, 3600)
    ]
  }
]
