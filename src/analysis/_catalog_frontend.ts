/**
 * Catalogue entries for front-end frameworks and styling.
 *
 * @module
 */
import { entry } from "./_catalog_body.ts";
import type { CatalogRule } from "./rule_catalog.ts";

/** React, Next.js, Vue, Svelte, Angular and Tailwind CSS. */
export const FRONTEND_RULES: readonly CatalogRule[] = [
  entry({
    id: "core-rules/react",
    title: "React",
    summary: "React components: hooks rules, derived state, stable keys, accessible markup",
    category: "core-rules",
    description:
      "React conventions: function components, Rules of Hooks, derived state, stable keys",
    globs: ["**/*.tsx", "**/*.jsx"],
    alwaysApply: false,
    triggers: [{ framework: "react" }],
    context: [
      "Applies to React components (`.tsx`, `.jsx`)",
      "Rendering must be a pure function of props and state",
    ],
    rules: [
      "Function components and hooks only; no class components in new code",
      "Follow the Rules of Hooks (top level only, never in conditions or loops) and satisfy `react-hooks/exhaustive-deps`",
      "Derive values during render instead of copying props into state; `useEffect` only to sync with systems outside React",
      "List keys come from stable data ids, never the array index of a list that can change",
      "Type props explicitly; lift state only as far up as the components that share it",
      "Never pass unsanitised content to `dangerouslySetInnerHTML`",
      "Accessible markup: `<button>` for actions, labels for inputs, `alt` on images",
    ],
    good: `
      function TodoList({ todos, filter }: { todos: Todo[]; filter: Filter }) {
        const visible = todos.filter((todo) => matches(todo, filter));
        return <ul>{visible.map((todo) => <li key={todo.id}>{todo.title}</li>)}</ul>;
      }
    `,
    bad: `
      function TodoList({ todos, filter }) {
        const [visible, setVisible] = useState([]);
        useEffect(() => setVisible(todos.filter((t) => matches(t, filter))), [todos]);
        return <ul>{visible.map((t, i) => <li key={i}>{t.title}</li>)}</ul>;
      }
    `,
  }),
  entry({
    id: "core-rules/nextjs",
    title: "Next.js",
    summary: "Next.js App Router: server components first, explicit caching, server-only secrets",
    category: "core-rules",
    description:
      "Next.js App Router conventions: server components, data fetching, server actions, env vars",
    globs: ["app/**/*.tsx", "app/**/*.ts", "src/app/**/*.tsx", "next.config.*"],
    alwaysApply: false,
    triggers: [{ framework: "next" }],
    context: [
      "Applies to the App Router (`app/`); in a Pages Router project follow the existing `pages/` patterns",
      'Components in `app/` are Server Components unless a file starts with `"use client"`',
    ],
    rules: [
      'Add `"use client"` only to the leaf components that need state, effects or browser APIs',
      'Fetch data in Server Components or route handlers, not in client `useEffect`; state caching explicitly (`revalidate` or `cache: "no-store"`)',
      'Mutations go through Server Actions (`"use server"`) or `app/api/**/route.ts`, and validate their input on the server',
      'Keep database clients and secrets out of client bundles; mark such modules with `import "server-only"`',
      "Only `NEXT_PUBLIC_` variables reach the browser; never give a secret that prefix",
      "Use `next/image`, `next/link` and the Metadata API instead of raw `<img>`, `<a>` and `<head>` tags",
      "Give route segments `loading.tsx` and `error.tsx` where data can be slow or fail",
    ],
    good: `
      // app/orders/page.tsx, a Server Component
      export default async function OrdersPage() {
        const orders = await db.order.findMany({ take: 20, orderBy: { createdAt: "desc" } });
        return <OrderTable orders={orders} />;
      }
    `,
    bad: `
      "use client";
      export default function OrdersPage() {
        const [orders, setOrders] = useState([]);
        useEffect(() => { fetch("/api/orders").then((r) => r.json()).then(setOrders); }, []);
        return <OrderTable orders={orders} />;
      }
    `,
  }),
  entry({
    id: "core-rules/vue",
    title: "Vue",
    summary: "Vue 3 single-file components: script setup, typed props, computed state",
    category: "core-rules",
    description:
      "Vue 3 conventions: script setup with TypeScript, typed props and emits, computed, composables",
    globs: ["**/*.vue"],
    alwaysApply: false,
    triggers: [{ framework: "vue" }, { framework: "nuxt" }],
    context: [
      "Applies to Vue single-file components (and Nuxt pages and components)",
      "New components use the Composition API",
    ],
    rules: [
      '`<script setup lang="ts">` in new components',
      "Type props and events with `defineProps<...>()` and `defineEmits<...>()`; never mutate a prop (emit, or use `defineModel`)",
      "`computed` for derived state; `watch` only for side effects",
      "Every `v-for` has a `:key` from a stable id; never put `v-if` on the same element as `v-for`",
      "Move reusable stateful logic into composables (`useSomething`) that return refs",
      "No `v-html` with user-provided content",
      "In Nuxt, load data with `useFetch` or `useAsyncData`, not in `onMounted`",
    ],
    good: `
      <script setup lang="ts">
      const props = defineProps<{ items: Item[] }>();
      const emit = defineEmits<{ select: [id: string] }>();
      const total = computed(() => props.items.length);
      </script>
      <template>
        <li v-for="item in items" :key="item.id" @click="emit('select', item.id)">{{ item.name }}</li>
      </template>
    `,
    bad: `
      <script>
      export default { props: ["items"], mounted() { this.items.push({ name: "extra" }); } };
      </script>
      <template><li v-for="item in items" v-if="item.visible" v-html="item.name"></li></template>
    `,
  }),
  entry({
    id: "core-rules/svelte",
    title: "Svelte",
    summary: "Svelte 5 and SvelteKit: runes, keyed each blocks, load functions, form actions",
    category: "core-rules",
    description:
      "Svelte 5 and SvelteKit conventions: runes, keyed each blocks, load functions, form actions",
    globs: ["**/*.svelte"],
    alwaysApply: false,
    triggers: [{ framework: "svelte" }, { framework: "sveltekit" }],
    context: [
      "Applies to Svelte components; check the `svelte` version in `package.json` first (runes need Svelte 5)",
      "SvelteKit routes live in `src/routes` (`+page.svelte`, `+page.server.ts`, `+server.ts`)",
    ],
    rules: [
      "Svelte 5: `$props()`, `$state`, `$derived`, `$effect`; no `export let` or `$:` in new code",
      "`$derived` for computed values; `$effect` only for side effects outside the component",
      "Keyed each blocks: `{#each items as item (item.id)}`",
      "Load data in `load` functions (`+page.server.ts` for anything secret) and mutate with form actions",
      "Server-only code lives in `$lib/server`, which SvelteKit refuses to bundle for the browser",
      "`{@html ...}` only with sanitised content",
      "Event attributes (`onclick={...}`) instead of `on:click` in Svelte 5",
    ],
    good: `
      <script lang="ts">
        let { items }: { items: Item[] } = $props();
        let count = $derived(items.length);
      </script>
      <p>{count} items</p>
      {#each items as item (item.id)}<p>{item.name}</p>{/each}
    `,
    bad: `
      <script>
        export let items;
        $: count = items.length;
        onMount(async () => { items = await (await fetch("/api/secret-items")).json(); });
      </script>
    `,
  }),
  entry({
    id: "core-rules/angular",
    title: "Angular",
    summary: "Modern Angular: standalone components, signals, inject(), built-in control flow",
    category: "core-rules",
    description:
      "Angular conventions: standalone components, signals, inject(), OnPush, built-in control flow",
    globs: ["**/*.component.ts", "**/*.component.html", "**/*.service.ts"],
    alwaysApply: false,
    triggers: [{ framework: "angular" }],
    context: [
      "Applies to Angular components and services (Angular 17 or later)",
      "Follow the Angular style guide and the project's existing structure",
    ],
    rules: [
      "Standalone components with `ChangeDetectionStrategy.OnPush`; no new NgModules",
      "Signals (`signal`, `computed`) for component state; `input()` and `output()` in new components",
      "`inject()` for dependencies; services are `providedIn: 'root'` unless scoped on purpose",
      "Built-in control flow (`@if`, `@for (item of items; track item.id)`) instead of `*ngIf` and `*ngFor`",
      "No subscription without teardown: use the `async` pipe, `toSignal` or `takeUntilDestroyed()`",
      "HTTP calls live in services; components only call them",
      "Typed reactive forms for anything beyond a single field",
    ],
    good: `
      @Component({
        selector: "app-orders",
        changeDetection: ChangeDetectionStrategy.OnPush,
        template: \`@for (order of orders(); track order.id) { <app-order [order]="order" /> }\`,
      })
      export class OrdersComponent {
        private readonly api = inject(OrdersApi);
        readonly orders = toSignal(this.api.list(), { initialValue: [] });
      }
    `,
    bad: `
      export class OrdersComponent implements OnInit {
        orders: any;
        constructor(private http: HttpClient) {}
        ngOnInit() { this.http.get("/api/orders").subscribe((o) => (this.orders = o)); }
      }
    `,
  }),
  entry({
    id: "core-rules/tailwind",
    title: "Tailwind CSS",
    summary: "Tailwind CSS: utilities from the theme, complete class names, components over @apply",
    category: "core-rules",
    description: "Use when styling UI with Tailwind CSS utility classes, theme tokens or variants",
    globs: [],
    alwaysApply: false,
    triggers: [{ framework: "tailwind" }],
    context: [
      "The project styles UI with Tailwind CSS utility classes",
      "Check the Tailwind version: v4 configures the theme in CSS (`@theme`), v3 in `tailwind.config`",
    ],
    rules: [
      "Style with utilities in the markup; write custom CSS only for what utilities cannot express",
      "Use theme tokens (colours, spacing, fonts); arbitrary values like `w-[37px]` only for true one-offs",
      "Never build class names from pieces (`bg-${color}-500`): the scanner sees only complete class strings",
      "Mobile first: unprefixed classes for small screens, `md:` and `lg:` for larger ones",
      "Merge conditional classes with `clsx` and `tailwind-merge` (a `cn()` helper)",
      "Repeated class lists become a component, not an `@apply` rule",
      "States and themes through variants: `hover:`, `focus-visible:`, `disabled:`, `dark:`",
    ],
    good: `
      const tones = { danger: "bg-red-600 text-white", neutral: "bg-gray-100 text-gray-900" };
      <button className={cn("rounded-md px-3 py-2 focus-visible:outline-2", tones[tone])}>Save</button>
    `,
    bad: `
      <button className={\`bg-\${color}-600 px-[13px]\`} style={{ marginTop: 7 }}>Save</button>
    `,
  }),
];
