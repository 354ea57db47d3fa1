/**
 * A business application: mixed INFO/WARN/ERROR lines, some JSON lines from a structured logger, and now and then
 * a multi-line stack trace. Each run is either a Spring Boot service (logback lines, Java traces) or a Node.js
 * service (pino-pretty lines, V8 traces), chosen by its seed, as one image would not switch languages.
 */
import type { ContainerRun } from '../../runtime.js';
import { epochSeconds, isoMillis, logbackTime } from '../clock.js';
import { between, mix, pick, unit, weighted } from '../hash.js';
import { PeriodicScript, type BodyLine, type Burst } from '../periodic.js';
import type { LogScript, TimedLine } from '../script.js';
import { podNetworkIp, runStartUs, seqOf, spread } from './common.js';

type Flavor = 'java' | 'node';
type Level = 'INFO' | 'WARN' | 'ERROR';

const BLOCK = 32;

const ROUTES: readonly (readonly [
  number,
  { method: string; path: (h: number) => string; status: number },
])[] = [
  [30, { method: 'GET', path: (h) => `/api/orders/${1000 + (h % 9000)}`, status: 200 }],
  [14, { method: 'GET', path: () => '/api/orders?page=1&size=20', status: 200 }],
  [12, { method: 'POST', path: () => '/api/orders', status: 201 }],
  [10, { method: 'GET', path: (h) => `/api/customers/${100 + (h % 900)}`, status: 200 }],
  [8, { method: 'GET', path: (h) => `/api/inventory/A-${1000 + (h % 9000)}`, status: 200 }],
  [4, { method: 'GET', path: (h) => `/api/orders/${1000 + (h % 9000)}`, status: 404 }],
  [3, { method: 'POST', path: () => '/api/orders', status: 400 }],
  [1, { method: 'PUT', path: (h) => `/api/orders/${1000 + (h % 9000)}/cancel`, status: 409 }],
];

const INFO_MESSAGES: readonly ((h: number) => string)[] = [
  (h) => `cache refreshed: ${800 + (h % 2000)} entries in ${20 + (h % 200)} ms`,
  (h) => `scheduled job cleanup-expired-carts finished: ${h % 40} carts removed`,
  () => 'consumer group orders-service rebalanced: assigned partitions [0, 1, 2]',
  (h) => `published event OrderCreated for order ${1000 + (h % 9000)}`,
];

const WARN_MESSAGES: readonly ((h: number) => string)[] = [
  (h) => `slow query on table orders took ${1000 + (h % 4000)} ms`,
  (h) => `retrying call to inventory-service (attempt ${2 + (h % 2)} of 3)`,
  (h) => `connection pool usage at ${80 + (h % 20)}% (${16 + (h % 4)}/20 connections)`,
  () => 'request to payment-gateway timed out after 5000 ms; order queued for retry',
  (h) => `deprecated header X-Api-Version sent by ${podNetworkIp(h)}`,
];

const ERROR_MESSAGES: readonly ((h: number) => string)[] = [
  (h) => `payment-gateway returned 502 Bad Gateway for order ${1000 + (h % 9000)}`,
  () => 'failed to publish event OrderShipped: broker not available',
  (h) => `could not reserve stock for A-${1000 + (h % 9000)}: insufficient quantity`,
];

const JAVA_TRACES: readonly { head: string; exception: string; frames: readonly string[]; cause: string }[] =
  [
    {
      head: 'Servlet.service() for servlet [dispatcherServlet] threw exception',
      exception: 'java.lang.IllegalStateException: inventory-service answered 503 Service Unavailable',
      frames: [
        'com.example.orders.inventory.InventoryClient.reserve(InventoryClient.java:88)',
        'com.example.orders.service.OrderService.place(OrderService.java:142)',
        'com.example.orders.web.OrderController.create(OrderController.java:57)',
        'java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke(DirectMethodHandleAccessor.java:103)',
        'org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java:885)',
        'org.apache.tomcat.util.threads.TaskThread$WrappingRunnable.run(TaskThread.java:63)',
        'java.base/java.lang.Thread.run(Thread.java:1583)',
      ],
      cause: 'Caused by: java.net.SocketTimeoutException: Read timed out',
    },
    {
      head: 'Unexpected error while handling request',
      exception:
        'java.lang.NullPointerException: Cannot invoke "com.example.orders.model.Customer.getId()" because "customer" is null',
      frames: [
        'com.example.orders.service.InvoiceService.render(InvoiceService.java:61)',
        'com.example.orders.web.InvoiceController.get(InvoiceController.java:34)',
        'java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke(DirectMethodHandleAccessor.java:103)',
        'org.springframework.web.method.support.InvocableHandlerMethod.doInvoke(InvocableHandlerMethod.java:255)',
        'org.springframework.web.servlet.DispatcherServlet.doDispatch(DispatcherServlet.java:1089)',
        'java.base/java.lang.Thread.run(Thread.java:1583)',
      ],
      cause: 'Caused by: java.lang.IllegalArgumentException: customer id must not be null',
    },
    {
      head: 'Transaction rolled back',
      exception:
        'org.springframework.dao.DataAccessResourceFailureException: Unable to acquire JDBC Connection [HikariPool-1 - Connection is not available, request timed out after 30000ms]',
      frames: [
        'org.springframework.orm.jpa.vendor.HibernateJpaDialect.convertHibernateAccessException(HibernateJpaDialect.java:277)',
        'org.springframework.orm.jpa.JpaTransactionManager.doBegin(JpaTransactionManager.java:466)',
        'com.example.orders.service.OrderService.place(OrderService.java:118)',
        'com.example.orders.web.OrderController.create(OrderController.java:57)',
        'java.base/java.lang.Thread.run(Thread.java:1583)',
      ],
      cause:
        'Caused by: java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available',
    },
  ];

const NODE_TRACES: readonly { head: string; exception: string; frames: readonly string[] }[] = [
  {
    head: 'unhandled error while processing POST /api/orders',
    exception: "TypeError: Cannot read properties of undefined (reading 'sku')",
    frames: [
      'at OrderService.place (/app/dist/services/orderService.js:88:31)',
      'at async OrderController.create (/app/dist/controllers/orderController.js:42:19)',
      'at async /app/node_modules/express/lib/router/layer.js:95:5',
      'at async Promise.all (index 0)',
    ],
  },
  {
    head: 'cache unavailable, serving from database',
    exception: 'Error: connect ECONNREFUSED 10.96.0.20:6379',
    frames: [
      'at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1611:16)',
      'at RedisSocket.connect (/app/node_modules/@redis/client/dist/lib/client/socket.js:178:17)',
      'at async Cache.get (/app/dist/lib/cache.js:21:9)',
      'at async CustomerController.get (/app/dist/controllers/customerController.js:17:22)',
    ],
  },
  {
    head: 'request to inventory-service failed',
    exception: 'AxiosError: Request failed with status code 503',
    frames: [
      'at settle (/app/node_modules/axios/dist/node/axios.cjs:2019:12)',
      'at IncomingMessage.handleStreamEnd (/app/node_modules/axios/dist/node/axios.cjs:3135:11)',
      'at IncomingMessage.emit (node:events:530:35)',
      'at async InventoryClient.reserve (/app/dist/clients/inventory.js:33:20)',
    ],
  },
];

const LOGGERS = {
  java: {
    web: 'c.e.orders.web.RequestLoggingFilter',
    app: 'c.e.orders.service.OrderService',
    main: 'c.example.orders.OrdersApplication',
    tomcat: 'o.s.b.w.embedded.tomcat.TomcatWebServer',
    dispatcher: 'o.a.c.c.C.[.[.[/].[dispatcherServlet]',
  },
} as const;

/** The log of a run of an application service. */
export function appScript(run: ContainerRun): LogScript {
  const seed = run.seed;
  const startUs = runStartUs(run);
  const flavor: Flavor = mix(seed, 0x666c) % 2 === 0 ? 'java' : 'node';
  const port = run.profile.listens[0]?.port ?? 8080;

  const javaLine = (us: number, level: Level, thread: string, logger: string, msg: string) =>
    `${logbackTime(us)} ${level.padStart(5)} 1 --- [${thread.padStart(15)}] ${logger.padEnd(40)} : ${msg}`;
  const nodeLine = (us: number, level: Level, msg: string) => `[${isoMillis(us)}] ${level}: ${msg}`;
  const line = (us: number, level: Level, h: number, msg: string, logger: string = LOGGERS.java.app) =>
    flavor === 'java'
      ? javaLine(us, level, `nio-${port}-exec-${1 + (h % 10)}`, logger, msg)
      : nodeLine(us, level, msg);

  const startupTexts =
    flavor === 'java'
      ? [
          [
            LOGGERS.java.main,
            'Starting OrdersApplication v1.4.2 using Java 21.0.5 with PID 1 (/app/app.jar started by app in /app)',
          ],
          [LOGGERS.java.main, 'No active profile set, falling back to 1 default profile: "default"'],
          [LOGGERS.java.tomcat, `Tomcat initialized with port ${port} (http)`],
          [LOGGERS.java.tomcat, `Tomcat started on port ${port} (http) with context path '/'`],
          [LOGGERS.java.main, 'Started OrdersApplication in 3.412 seconds (process running for 3.901)'],
        ]
      : [
          ['', 'starting orders-api v2.7.0 (node v22.12.0, pid 1)'],
          ['', 'connected to postgres at postgres.default.svc.cluster.local:5432'],
          ['', `listening on http://0.0.0.0:${port}`],
        ];
  const startupTimes =
    flavor === 'java'
      ? spread(startupTexts.length, 900_000, 3_400_000, seed, 1)
      : spread(startupTexts.length, 150_000, 600_000, seed, 1);
  const preamble: TimedLine[] = startupTexts.map(([logger, msg], k) => {
    const at = startupTimes[k]!;
    const text =
      flavor === 'java'
        ? javaLine(startUs + at, 'INFO', 'main', logger!, msg!)
        : nodeLine(startUs + at, 'INFO', msg!);
    return { at, text };
  });

  const burst = (block: number): Burst | undefined => {
    const h = mix(seed, block, 0x6275);
    if (unit(h) >= 0.3) return undefined;
    const lines = flavor === 'java' ? between(h >>> 4, 5, 9) : between(h >>> 4, 4, 6);
    return { offset: between(h >>> 9, 0, BLOCK - lines), lines };
  };

  const single = (index: number, us: number): string => {
    const h = mix(seed, index, 0x7369);
    // A request's lines name it by its Fastify-style id, req-N, which carries the line's number (see seq.ts).
    const req = `reqId=req-${seqOf(index)}`;
    const kind = weighted(h, [
      [60, 'request'],
      [12, 'json'],
      [12, 'warn'],
      [10, 'info'],
      [6, 'error'],
    ] as const);
    const h2 = h >>> 7;
    switch (kind) {
      case 'request': {
        const route = weighted(mix(seed, index, 0x7274), ROUTES);
        const ms = 3 + (h2 % 120);
        const path = route.path(h2);
        return flavor === 'java'
          ? line(
              us,
              'INFO',
              h,
              `${route.method} ${path} -> ${route.status} in ${ms} ms ${req}`,
              LOGGERS.java.web,
            )
          : line(us, 'INFO', h, `${route.method} ${path} ${route.status} ${ms}ms ${req}`);
      }
      case 'json': {
        const level = h2 % 5 === 0 ? 'warn' : 'info';
        const body =
          level === 'warn'
            ? `"logger":"http","msg":"slow request","path":"/api/orders","duration_ms":${1200 + (h2 % 3000)},"reqId":"req-${seqOf(index)}"`
            : pick(h2, [
                `"logger":"cache","msg":"cache stats","hits":${h2 % 5000},"misses":${h2 % 50}`,
                `"logger":"outbox","msg":"outbox flushed","events":${1 + (h2 % 12)}`,
                `"logger":"metrics","msg":"pool stats","active":${h2 % 20},"idle":${(h2 >>> 5) % 10}`,
              ]);
        return `{"level":"${level}","ts":${epochSeconds(us)},${body}}`;
      }
      case 'warn':
        return line(us, 'WARN', h, `${pick(h2, WARN_MESSAGES)(h2 >>> 3)} ${req}`);
      case 'info':
        return line(us, 'INFO', h, `${pick(h2, INFO_MESSAGES)(h2 >>> 3)}`);
      case 'error':
        return line(us, 'ERROR', h, `${pick(h2, ERROR_MESSAGES)(h2 >>> 3)} ${req}`);
    }
  };

  const trace = (head: number, us: number, part: number, lines: number): string => {
    const h = mix(seed, head, 0x7472);
    if (flavor === 'java') {
      const t = pick(h, JAVA_TRACES);
      if (part === 0)
        return line(us, 'ERROR', h, `${t.head} reqId=req-${seqOf(head)}`, LOGGERS.java.dispatcher);
      if (part === 1) return t.exception;
      // Long traces end with the cause, as Java prints it: "Caused by: …" then "... N more".
      const frames = lines - 2;
      const withCause = frames >= 5;
      const own = withCause ? frames - 2 : frames;
      const k = part - 2;
      if (k < own) return `\tat ${t.frames[k % t.frames.length]!}`;
      if (k === own) return t.cause;
      return `\t... ${30 + (h % 40)} more`;
    }
    const t = pick(h, NODE_TRACES);
    if (part === 0) return line(us, 'ERROR', h, `${t.head} reqId=req-${seqOf(head)}`);
    if (part === 1) return t.exception;
    return `    ${t.frames[(part - 2) % t.frames.length]!}`;
  };

  const text = (l: BodyLine): string => {
    const us = startUs + l.headUs;
    return l.lines === 1 ? single(l.index, us) : trace(l.head, us, l.part, l.lines);
  };

  return new PeriodicScript(seed, preamble, {
    startUs: preamble[preamble.length - 1]!.at + 250_000,
    periodUs: between(mix(seed, 0x7065), 200_000, 600_000),
    blockLines: BLOCK,
    jitter: 0.7,
    burst,
    text,
  });
}
