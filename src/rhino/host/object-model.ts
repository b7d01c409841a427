// Installs Apigee's JavaScript object model into a run scope: context,
// request/response, properties, print, crypto, httpClient and Request.

import { FlowState, getFlowVariable, removeFlowVariable, setFlowVariable } from "../../flow/flow-variables";
import { firstHeader, headerNames, Message, removeHeader, setHeader } from "../../flow/message";
import { parseQuery, splitUrl } from "../../flow/url-parts";
import { createApigeeCrypto } from "./apigee-crypto";
import { contentObject, createHttpObjects, PendingCallback } from "./http-client";
import { toCalloutValue, toFlowValue, toJavaString } from "./values";

export interface InstalledModel {
  prints: string[];
  pending: PendingCallback[];
  /** Writes edits made through request.headers[...] etc. back into the flow. */
  commit(): void;
}

export function installObjectModel(
  scope: any,
  state: FlowState,
  properties: { [name: string]: string },
  flowName: string
): InstalledModel {
  var prints: string[] = [];
  var commits: (() => void)[] = [];
  var http = createHttpObjects(scope);
  var request = state.messages.request ? messageObject(scope, state.messages.request, commits) : undefined;
  var response = state.messages.response ? messageObject(scope, state.messages.response, commits) : undefined;
  var isTarget = flowName.indexOf("TARGET") === 0;
  scope.context = {
    getVariable: function (name: unknown) {
      return toCalloutValue(getFlowVariable(state, String(name)));
    },
    setVariable: function (name: unknown, value: unknown) {
      setFlowVariable(state, String(name), toFlowValue(value));
    },
    removeVariable: function (name: unknown) {
      removeFlowVariable(state, String(name));
    },
    flow: flowName,
    session: new scope.Object(),
    proxyRequest: isTarget ? undefined : request,
    proxyResponse: isTarget ? undefined : response,
    targetRequest: isTarget ? request : undefined,
    targetResponse: isTarget ? response : undefined
  };
  scope.request = request;
  scope.response = response;
  scope.properties = javaStringObject(scope, properties);
  scope.print = function () {
    prints.push(Array.prototype.slice.call(arguments).map(String).join(" "));
  };
  scope.crypto = createApigeeCrypto();
  scope.httpClient = http.httpClient;
  scope.Request = http.Request;
  return {
    prints: prints,
    pending: http.pending,
    commit: function () {
      for (var i = 0; i < commits.length; i++) commits[i]();
    }
  };
}

function javaStringObject(scope: any, values: { [name: string]: string }): unknown {
  var obj = new scope.Object();
  for (var name in values) {
    if (Object.prototype.hasOwnProperty.call(values, name)) obj[name] = toJavaString(values[name]);
  }
  return obj;
}

function messageObject(scope: any, m: Message, commits: (() => void)[]): unknown {
  var obj = new scope.Object();
  var headers = headerMap(scope, m);
  var original = snapshot(headers);
  obj.headers = headers;
  commits.push(function () {
    applyHeaderEdits(m, original, headers);
  });
  accessor(obj, "content", function () {
    return contentObject(scope, m.content);
  }, function (v) {
    m.content = String(v);
  });
  if (m.method !== null) {
    accessor(obj, "body", function () {
      return contentObject(scope, m.content);
    }, function (v) {
      m.content = String(v);
    });
    accessor(obj, "method", function () {
      return toJavaString(m.method || "");
    }, function (v) {
      m.method = String(v);
    });
    accessor(obj, "url", function () {
      return toJavaString(m.url || "");
    }, function (v) {
      m.url = String(v);
    });
    obj.queryParams = queryMap(scope, m);
  } else {
    accessor(obj, "status", function () {
      return statusObject(scope, m);
    }, function (v) {
      m.status = Number(v);
    });
  }
  return obj;
}

function accessor(obj: unknown, name: string, get: () => unknown, set: (v: unknown) => void): void {
  Object.defineProperty(obj, name, { get: get, set: set, enumerable: true, configurable: false });
}

function headerMap(scope: any, m: Message): any {
  var map = new scope.Object();
  var names = headerNames(m);
  for (var i = 0; i < names.length; i++) map[names[i]] = toJavaString(firstHeader(m, names[i]) || "");
  return map;
}

function queryMap(scope: any, m: Message): any {
  var map = new scope.Object();
  var pairs = parseQuery(splitUrl(m.url || "").query);
  for (var i = 0; i < pairs.length; i++) {
    if (!Object.prototype.hasOwnProperty.call(map, pairs[i][0])) map[pairs[i][0]] = toJavaString(pairs[i][1]);
  }
  return map;
}

function statusObject(scope: any, m: Message): unknown {
  var status = new scope.Object();
  status.code = m.status;
  status.message = toJavaString(m.reason || "");
  status.valueOf = function () {
    return m.status;
  };
  return status;
}

function snapshot(map: any): { [name: string]: string } {
  var copy: { [name: string]: string } = {};
  for (var name in map) copy[name] = String(map[name]);
  return copy;
}

function applyHeaderEdits(m: Message, original: { [name: string]: string }, edited: any): void {
  for (var name in original) {
    if (!Object.prototype.hasOwnProperty.call(edited, name) || edited[name] === null || edited[name] === undefined) {
      removeHeader(m, name);
    }
  }
  for (name in edited) {
    var value = edited[name];
    if (value === null || value === undefined) continue;
    if (original[name] !== String(value)) setHeader(m, name, String(value));
  }
}
