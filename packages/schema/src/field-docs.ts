/**
 * One line of documentation per field of the flows document, keyed by its
 * path (`[]` stands for any array index). The JSON Schema's descriptions (what
 * editors show on hover) come from here; `docs/flows.md` documents the same
 * paths, and a test keeps the three in step.
 */
export const FIELD_DOCS: Record<string, string> = {
  $schema: 'Path or URL of this JSON Schema, so editors can autocomplete and check the document.',
  version: 'Format version of the document. This SDK understands 1.',
  defaultLocale:
    'Locale shown when the user’s locale has no text, e.g. "ja". Defaults to the first locale of each text.',
  milestones: 'Steps of the user’s journey to value, each reached once per user.',
  'milestones[].id': 'Unique id, used by checklists, steps and `tebiki.milestone(id)`.',
  'milestones[].title': 'Name shown in checklists. A string or a { locale: text } map.',
  'milestones[].aha':
    'Marks the Aha! moment: reaching it records time-to-value (`aha_reached`). One per document.',
  'milestones[].when': 'What reaches the milestone automatically.',
  'milestones[].when.event': 'A tracked event name, e.g. "project_created".',
  'milestones[].when.url': 'A page path pattern: `*` within one segment, `**` across segments.',
  'milestones[].when.click': 'A CSS selector of an element whose click reaches the milestone.',
  flows: 'Tours, checklists, hints and announcements.',
  'flows[].id': 'Unique id, used by `tebiki.start(id)`, checklists and the analytics.',
  'flows[].type': 'One of tour, checklist, hint, announcement.',
  'flows[].trigger':
    'When the flow starts by itself. Without it, only `tebiki.start(id)` starts it.',
  'flows[].trigger.url':
    'Start on pages whose path matches this pattern: `*` within one segment, `**` across segments.',
  'flows[].trigger.event': 'Start when this event is tracked.',
  'flows[].trigger.element':
    'Start once an element matching this CSS selector appears (waits up to 10 s).',
  'flows[].trigger.delayMs': 'Start this many milliseconds after the other conditions hold.',
  'flows[].frequency':
    '"once" (default: never again after completion or dismissal), "session" or "always".',
  'flows[].priority': 'When several flows could start at once, the highest priority wins.',
  'flows[].audience': 'Who sees the flow, by user and account traits.',
  'flows[].audience.traits': 'Rules on user traits (from `identify`).',
  'flows[].audience.account': 'Rules on account traits (from `group`).',
  'flows[].audience.touch': 'The account’s touch tier must be one of these: high, low, tech.',
  'flows[].steps': 'The tour’s steps, in order (tour).',
  'flows[].steps[].id': 'Unique id within the tour; appears in analytics as `stepId`.',
  'flows[].steps[].target':
    'CSS selector of the element the step points at. Omitted: the step is centred.',
  'flows[].steps[].placement':
    'Side of the target to show the step on: top, bottom, left, right (with -start / -end), or center.',
  'flows[].steps[].title': 'Step heading. A string or a { locale: text } map.',
  'flows[].steps[].body':
    'Step text in a small Markdown subset. A string or a { locale: text } map.',
  'flows[].steps[].advanceOn': 'Moves to the next step by itself when the user does this.',
  'flows[].steps[].advanceOn.click': 'A CSS selector: clicking a matching element advances.',
  'flows[].steps[].advanceOn.event': 'A tracked event name that advances.',
  'flows[].steps[].milestone': 'A milestone reached when the user completes this step.',
  'flows[].steps[].waitMs': 'How long to wait for a missing target, in milliseconds. Default 3000.',
  'flows[].steps[].url':
    'The page this step lives on, for tours across pages. Default: the tour’s trigger URL.',
  'flows[].steps[].modal':
    'Blocks the page outside the spotlight’s cut-out and keeps Tab inside the step. Default false.',
  'flows[].steps[].spotlight':
    'The dimming with a cut-out around the target: false turns it off, an object tunes it. Default true.',
  'flows[].steps[].spotlight.padding': 'Space around the target in the cut-out, in px. Default 6.',
  'flows[].steps[].spotlight.radius': 'Corner radius of the cut-out, in px. Default 8.',
  'flows[].steps[].spotlight.clickThrough':
    'Whether the target stays clickable through the cut-out (false: only Next moves on). Default true.',
  'flows[].steps[].fallback':
    'When the target never appears: "skip" the step (default) or show it centred ("center").',
  'flows[].title':
    'Heading of a checklist, hint or announcement. A string or a { locale: text } map.',
  'flows[].items': 'The checklist’s items (checklist).',
  'flows[].items[].milestone': 'The milestone that checks the item off.',
  'flows[].items[].flow': 'A tour that teaches the item, started from the checklist.',
  'flows[].items[].title': 'Item label; defaults to the milestone’s title.',
  'flows[].target': 'CSS selector of the element a hint is attached to (hint).',
  'flows[].placement': 'Side of the target to show the hint on (hint).',
  'flows[].body': 'Text of a hint or announcement, in the Markdown subset.',
  'flows[].display': '"modal" or "banner" (announcement).',
  'flows[].position':
    'Where a banner sits: "top" (default) or "bottom" of the viewport (announcement).',
};
