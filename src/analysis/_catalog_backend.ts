/**
 * Catalogue entries for server frameworks and data access.
 *
 * @module
 */
import { entry } from "./_catalog_body.ts";
import type { CatalogRule } from "./rule_catalog.ts";

/** Express, Hono, FastAPI, Django, Flask, Rails, Spring, Go HTTP and Prisma. */
export const BACKEND_RULES: readonly CatalogRule[] = [
  entry({
    id: "core-rules/express",
    title: "Express",
    summary: "Express APIs: validated input, one error handler, thin routers, testable app",
    category: "core-rules",
    description:
      "Use when writing Express routes, middleware or error handling in this Node.js API",
    globs: [],
    alwaysApply: false,
    triggers: [{ framework: "express" }],
    context: [
      "The HTTP API is built with Express; check the major version in `package.json`",
      "Express 5 passes rejected promises from async handlers to the error middleware; Express 4 does not",
    ],
    rules: [
      "Validate `req.body`, `req.params` and `req.query` with a schema (zod, joi) before using them",
      "On Express 4, wrap async handlers or call `next(err)`, or errors hang the request",
      "One error middleware `(err, req, res, next)`, registered last, maps errors to status codes and hides stack traces in production",
      '`helmet()`, `express.json({ limit: "100kb" })` and CORS limited to known origins',
      "One `express.Router()` per resource; handlers stay thin and call services",
      "`return` after sending a response so nothing runs twice",
      "Export `app` from its own module and call `listen` in the entry file, so tests use supertest",
    ],
    good: `
      router.post("/users", async (req, res) => {
        const input = CreateUser.parse(req.body);
        const user = await users.create(input);
        res.status(201).json(user);
      });
    `,
    bad: `
      router.post("/users", (req, res) => {
        db.query(\`INSERT INTO users VALUES ('\${req.body.name}')\`);
        res.send("ok");
      });
    `,
  }),
  entry({
    id: "core-rules/hono",
    title: "Hono",
    summary: "Hono apps: validated input, typed RPC routes, HTTPException, in-process tests",
    category: "core-rules",
    description: "Use when writing Hono routes, middleware, validators or error handling",
    globs: [],
    alwaysApply: false,
    triggers: [{ framework: "hono" }],
    context: [
      "The HTTP layer is Hono, built on web standards (`Request` in, `Response` out)",
      "The same app runs on Deno, Bun, Node.js or Workers; only the entry file differs",
    ],
    rules: [
      'Validate input with a validator middleware (`zValidator("json", schema)`) and read it with `c.req.valid("json")`',
      "Chain routes on the app and export `type AppType = typeof app` so `hc<AppType>()` clients stay typed",
      "Throw `HTTPException(status, { message })` for expected failures; handle the rest in one `app.onError`",
      "Every handler returns a response (`return c.json(...)`); middleware calls `await next()`",
      "Keep runtime-specific code (`Deno.serve`, the Node adapter) in the entry file",
      "Type bindings and variables with `new Hono<{ Bindings: Env; Variables: Vars }>()`",
      'Test with `app.request("/path")` in process; no server needed',
    ],
    good: `
      const app = new Hono().post("/posts", zValidator("json", PostSchema), async (c) => {
        const post = await createPost(c.req.valid("json"));
        return c.json(post, 201);
      });
      export type AppType = typeof app;
    `,
    bad: `
      app.post("/posts", async (c) => {
        const body = await c.req.json();
        createPost(body);
      });
    `,
  }),
  entry({
    id: "core-rules/fastapi",
    title: "FastAPI",
    summary: "FastAPI endpoints: Pydantic models, correct async, dependencies, routers",
    category: "core-rules",
    description:
      "Use when writing FastAPI endpoints, dependencies, Pydantic models or application wiring",
    globs: [],
    alwaysApply: false,
    triggers: [{ framework: "fastapi" }],
    context: [
      "The API is built with FastAPI and Pydantic v2",
      "`async def` endpoints run on the event loop; plain `def` endpoints run in a thread pool",
    ],
    rules: [
      "Request and response bodies are Pydantic models; declare `response_model` or the return type so output is filtered",
      "Use `async def` only when everything inside is awaited (async driver, `httpx.AsyncClient`); blocking calls go in `def` endpoints",
      "Share resources through dependencies: `Annotated[Session, Depends(get_session)]`, with `yield` for cleanup",
      "Raise `HTTPException(status_code=404, detail=...)` for expected errors; map domain errors in exception handlers",
      "One `APIRouter(prefix=..., tags=[...])` per area, included in the app factory",
      "Settings come from a `pydantic-settings` `BaseSettings` class, read once",
      "Test with `TestClient` and `app.dependency_overrides`",
    ],
    good: `
      @router.get("/orders/{order_id}", response_model=OrderOut)
      async def get_order(order_id: int, session: SessionDep) -> Order:
          order = await session.get(Order, order_id)
          if order is None:
              raise HTTPException(status_code=404, detail="Order not found")
          return order
    `,
    bad: `
      @app.get("/orders/{order_id}")
      async def get_order(order_id):
          return requests.get(f"{BACKEND}/orders/{order_id}").json()  # blocks the event loop
    `,
  }),
  entry({
    id: "core-rules/django",
    title: "Django",
    summary: "Django apps: thin views, reviewed migrations, no N+1 queries, forms for input",
    category: "core-rules",
    description:
      "Django conventions: thin views, reviewed migrations, select_related, forms and serializers",
    globs: ["**/models.py", "**/views.py", "**/urls.py", "**/settings.py", "**/migrations/*.py"],
    alwaysApply: false,
    triggers: [{ framework: "django" }],
    context: [
      "Applies to Django models, views, URLs, settings and migrations",
      "The ORM and the migration history are the source of truth for the schema",
    ],
    rules: [
      "Business logic lives in models or service functions; views parse input, call them and render",
      "Create migrations with `makemigrations`, read the generated file, commit it; never edit a migration once merged",
      "Avoid N+1 queries: `select_related` for foreign keys, `prefetch_related` for many-to-many and reverse relations",
      "Validate input with forms or DRF serializers; never read `request.POST` fields unvalidated",
      "Settings from the environment: `DEBUG`, `SECRET_KEY`, `ALLOWED_HOSTS` are never hard-coded for production",
      "Use the ORM or parameterised `raw()`; never format SQL strings",
      "Wrap multi-step writes in `transaction.atomic()`",
    ],
    good: `
      def order_list(request: HttpRequest) -> HttpResponse:
          orders = Order.objects.select_related("customer").filter(owner=request.user)[:50]
          return render(request, "orders/list.html", {"orders": orders})
    `,
    bad: `
      def order_list(request):
          orders = Order.objects.raw(f"SELECT * FROM orders WHERE owner = '{request.GET['u']}'")
          return render(request, "orders/list.html", {"names": [o.customer.name for o in orders]})
    `,
  }),
  entry({
    id: "core-rules/flask",
    title: "Flask",
    summary: "Flask apps: application factory, blueprints, validated input, production server",
    category: "core-rules",
    description:
      "Use when writing Flask views, blueprints, configuration or the application factory",
    globs: [],
    alwaysApply: false,
    triggers: [{ framework: "flask" }],
    context: [
      "The web app is built with Flask",
      "Tests and tools create the app through the factory, with their own configuration",
    ],
    rules: [
      "An application factory `create_app(config)`; no app object created at import time in library modules",
      "One blueprint per area, registered in the factory",
      "Configuration from the environment (`app.config.from_prefixed_env()`); `SECRET_KEY` never hard-coded",
      "Validate request data (pydantic or marshmallow) before use; return JSON errors with the right status",
      "Release per-request resources in `teardown_appcontext`",
      "Never ship `app.run(debug=True)`; production runs under gunicorn or waitress",
      "Tests use `app.test_client()` from a pytest fixture",
    ],
    good: `
      def create_app(config: dict[str, object] | None = None) -> Flask:
          app = Flask(__name__)
          app.config.from_prefixed_env()
          if config:
              app.config.update(config)
          app.register_blueprint(orders_bp, url_prefix="/orders")
          return app
    `,
    bad: `
      app = Flask(__name__)
      app.secret_key = "dev"

      @app.route("/orders", methods=["POST"])
      def create():
          db.execute("INSERT INTO orders VALUES ('%s')" % request.form["item"])
    `,
  }),
  entry({
    id: "core-rules/rails",
    title: "Ruby on Rails",
    summary: "Rails conventions: REST routes, strong parameters, reversible migrations, no N+1",
    category: "core-rules",
    description:
      "Rails conventions: RESTful routes, strong parameters, reversible migrations, includes, Active Job",
    globs: ["app/**/*.rb", "config/routes.rb", "db/migrate/*.rb"],
    alwaysApply: false,
    triggers: [{ framework: "rails" }],
    context: [
      "Applies to the Rails application code, routes and migrations",
      "Follow Rails conventions before inventing structure",
    ],
    rules: [
      "RESTful `resources` routes; skinny controllers; domain logic in models or `app/services`",
      "Strong parameters (`params.expect` in Rails 8, `params.require(...).permit(...)` before); never mass-assign raw params",
      "Reversible migrations (`change`) generated with `bin/rails generate migration`; never edit one after it is merged",
      "Back model validations with database constraints and indexes",
      "Avoid N+1 queries with `includes`; iterate large tables with `find_each`",
      "Slow work goes to Active Job, not the request",
      "Query with placeholders or hash conditions (`where(email: email)`); never interpolate",
    ],
    good: `
      def create
        @order = current_user.orders.build(order_params)
        return render :new, status: :unprocessable_entity unless @order.save

        redirect_to @order
      end

      private def order_params = params.require(:order).permit(:product_id, :quantity)
    `,
    bad: `
      def create
        Order.where("user_id = #{params[:user_id]}").first.update(params[:order].permit!)
        redirect_to orders_path
      end
    `,
  }),
  entry({
    id: "core-rules/spring",
    title: "Spring Boot",
    summary:
      "Spring Boot services: constructor injection, DTOs, validation, transactions in services",
    category: "core-rules",
    description:
      "Spring Boot conventions: constructor injection, DTO records, Bean Validation, service transactions",
    globs: ["src/main/java/**/*.java", "src/main/kotlin/**/*.kt", "src/main/resources/**"],
    alwaysApply: false,
    triggers: [{ framework: "spring" }, { framework: "spring-boot" }],
    context: [
      "Applies to the application code and configuration of a Spring Boot service",
      "Layers: controller, service, repository",
    ],
    rules: [
      "Constructor injection into `final` fields; no `@Autowired` fields",
      "Controllers hold no business logic and never expose JPA entities; map to DTO records",
      "Validate request bodies with `@Valid` and Bean Validation; one `@RestControllerAdvice` returns `ProblemDetail`",
      "`@Transactional` on service methods, `readOnly = true` for queries; never on controllers",
      "Typed `@ConfigurationProperties` records instead of scattered `@Value`",
      "Set `spring.jpa.open-in-view=false`; avoid N+1 with fetch joins or entity graphs",
      "Test slices (`@WebMvcTest`, `@DataJpaTest`) first; Testcontainers for the real database",
    ],
    good: `
      @RestController
      @RequestMapping("/orders")
      class OrderController {
          private final OrderService orders;
          OrderController(OrderService orders) { this.orders = orders; }

          @PostMapping
          ResponseEntity<OrderDto> create(@Valid @RequestBody CreateOrder request) {
              return ResponseEntity.status(HttpStatus.CREATED).body(orders.create(request));
          }
      }
    `,
    bad: `
      @RestController
      class OrderController {
          @Autowired OrderRepository repo;
          @PostMapping("/orders") Order create(@RequestBody Order order) { return repo.save(order); }
      }
    `,
  }),
  entry({
    id: "core-rules/go-http",
    title: "Go HTTP Services",
    summary: "Go HTTP handlers (net/http, gin, echo, chi, fiber): validation, contexts, timeouts",
    category: "core-rules",
    description:
      "Use when writing Go HTTP handlers, middleware or servers (net/http, gin, echo, chi, fiber)",
    globs: [],
    alwaysApply: false,
    triggers: [{ framework: "gin" }, { framework: "echo" }, { framework: "fiber" }, {
      framework: "chi",
    }],
    context: [
      "The service exposes HTTP with the Go standard library or a router (gin, echo, chi, fiber)",
    ],
    rules: [
      'Bind and validate input (`c.ShouldBindJSON(&req)` with `binding:"required"` tags, or decode and check); answer 400 on failure',
      "Pass the request context (`r.Context()`, `c.Request.Context()`) to every database and outbound call",
      "Set server timeouts (`ReadHeaderTimeout`, `ReadTimeout`, `WriteTimeout`); never `http.ListenAndServe` with defaults in production",
      "Shut down gracefully with `signal.NotifyContext` and `srv.Shutdown(ctx)`",
      "Logging, recovery and auth are middleware; test handlers with `httptest.NewRecorder`",
    ],
    good: `
      func (h *Handler) CreateOrder(c *gin.Context) {
      \tvar req CreateOrderRequest
      \tif err := c.ShouldBindJSON(&req); err != nil {
      \t\tc.JSON(http.StatusBadRequest, gin.H{"error": err.Error()})
      \t\treturn
      \t}
      \torder, err := h.orders.Create(c.Request.Context(), req)
      \tif err != nil {
      \t\t_ = c.Error(err)
      \t\treturn
      \t}
      \tc.JSON(http.StatusCreated, order)
      }
    `,
    bad: `
      func CreateOrder(c *gin.Context) {
      \tvar req CreateOrderRequest
      \t_ = c.BindJSON(&req)
      \torder, _ := db.Create(context.Background(), req)
      \tc.JSON(200, order)
      }
    `,
  }),
  entry({
    id: "core-rules/prisma",
    title: "Prisma",
    summary: "Prisma schema and client: committed migrations, one client, selective queries",
    category: "core-rules",
    description:
      "Prisma conventions: schema changes through migrations, one PrismaClient, select, transactions",
    globs: ["**/*.prisma"],
    alwaysApply: false,
    triggers: [{ framework: "prisma" }],
    context: [
      "Applies to the Prisma schema; the same rules hold for code that uses the client",
      "`prisma/migrations/` is the history of the production schema",
    ],
    rules: [
      "Change the schema, then `prisma migrate dev --name <change>`; commit the migration; never edit an applied one",
      "Deployments run `prisma migrate deploy`, never `migrate dev` or `db push`",
      "One shared `PrismaClient` per process (a module singleton that survives hot reload in development)",
      "`select` only the fields you need; avoid N+1 with `include` or one `findMany` with `in`",
      "Multi-step writes go in `prisma.$transaction`",
      "Index lookup columns (`@@index`, `@unique`) and set `onDelete` on relations explicitly",
      "Run `prisma generate` after schema changes; do not commit the generated client",
    ],
    good: `
      model Order {
        id         String   @id @default(cuid())
        customer   Customer @relation(fields: [customerId], references: [id], onDelete: Cascade)
        customerId String

        @@index([customerId])
      }
    `,
    bad: `
      // a new PrismaClient for every request, then one query per order
      const prisma = new PrismaClient();
      for (const order of orders) order.customer = await prisma.customer.findUnique({ where: { id: order.customerId } });
    `,
  }),
];
