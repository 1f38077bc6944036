// Express 4 and Koa 2 are installed under aliases for the tests; their APIs used here match the current types.
declare module "express4" {
  import express from "express";
  export default express;
}
declare module "koa2" {
  import Koa from "koa";
  export default Koa;
}
declare module "koa-bodyparser" {
  import type { Middleware } from "koa";
  export default function bodyParser(options?: { jsonLimit?: string; enableTypes?: string[] }): Middleware;
}
declare module "@koa/router" {
  import type { Middleware } from "koa";
  export default class Router {
    post(path: string, ...middleware: Middleware[]): this;
    routes(): Middleware;
  }
}
