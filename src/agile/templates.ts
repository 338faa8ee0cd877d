/**
 * The templates of the `.ai/` documents, shipped as code (not files read at
 * run time) so they work from JSR and from a compiled binary. `{{name}}`
 * marks a placeholder.
 *
 * @module
 */

/** The PRD template (`.ai/prd.md`). Placeholders: `title`. */
export const PRD_TEMPLATE: string = `---
title: {{title}}
status: Draft
---
# {{title}}

## Introduction

What the product is, who it is for and why it matters now, in a paragraph.

## Goals

- A measurable goal

## Users

- The main kinds of user and what each needs

## Requirements

### Functional

- The product must …

### Non-functional

- Performance, security, accessibility, platforms

## Epics

- epic-1: the first deliverable slice

## Out of scope

- What this version deliberately leaves out

## Open questions

- Anything the user still has to decide
`;

/** The architecture template (`.ai/arch.md`). Placeholders: `title`. */
export const ARCH_TEMPLATE: string = `---
title: {{title}}
status: Draft
---
# {{title}}

## Overview

The shape of the system in a paragraph; link the [PRD](prd.md).

## Technology choices

| Concern | Choice | Why |
| ------- | ------ | --- |
| Language | | |

## Structure

Folders, modules and who owns what.

## Data models

The main types or tables.

## Diagrams

\`\`\`mermaid
flowchart LR
  user --> app
\`\`\`

## Decisions

- Each decision, the alternatives considered and why this one won

## Risks

- What could go wrong and how to notice early

## Change log

- Draft created
`;

/**
 * The story template (`.ai/epic-N/story-M.story.md`). Placeholders: `title`,
 * `epic`, `story`, `points`, `dependencies` (a flow list), `summary`,
 * `criteria` and `tasks` (checklist lines).
 */
export const STORY_TEMPLATE: string = `---
title: {{title}}
status: Draft
epic: {{epic}}
story: {{story}}
points: {{points}}
dependencies: {{dependencies}}
---
# Epic-{{epic}} - Story-{{story}}: {{title}}

{{summary}}

## Context

Why this story, and what the PRD and architecture say about it.

## Acceptance criteria

{{criteria}}

## Tasks

{{tasks}}

## Constraints

## Dev notes

## Chat command log
`;

/**
 * Fills `{{name}}` placeholders; unknown placeholders stay as they are.
 *
 * @param template The template text.
 * @param values Placeholder values.
 * @returns The filled text.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fillTemplate, PRD_TEMPLATE } from "./templates.ts";
 * const prd = fillTemplate(PRD_TEMPLATE, { title: "Shop" });
 * assert.ok(prd.startsWith("---\ntitle: Shop\nstatus: Draft\n---\n# Shop\n"));
 * ```
 */
export function fillTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole);
}

/**
 * The text of the copies `ai init` writes to `.cursor/templates/`, for people
 * and assistants to follow: the templates with the checklist placeholders
 * shown as checklist lines.
 *
 * @returns File name (`prd.md`, `arch.md`, `story.md`) → content.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { templateFiles } from "./templates.ts";
 * assert.match(templateFiles()["story.md"]!, /## Tasks\n\n- \[ \] \{\{task\}\}\n/);
 * ```
 */
export function templateFiles(): Record<string, string> {
  return {
    "prd.md": PRD_TEMPLATE,
    "arch.md": ARCH_TEMPLATE,
    "story.md": fillTemplate(STORY_TEMPLATE, {
      criteria: "- [ ] {{criterion}}",
      tasks: "- [ ] {{task}}",
      summary: "As a {{role}}, I want {{goal}}, so that {{benefit}}.",
      dependencies: "[]",
    }),
  };
}
