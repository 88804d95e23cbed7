// SCIM 2.0 service built from SCIMMY (protocol: filters, PATCH, schema validation, ListResponse) and SCIMMY Routers
// (HTTP endpoints). We only supply storage: an in-memory map per resource type.
// Usage: node server.mjs <port> <bearer-token>; prints "listening <port>" when ready.
import express from "express";
import SCIMMY from "scimmy";
import SCIMMYRouters from "scimmy-routers";
import {randomUUID} from "node:crypto";

const [port, token] = process.argv.slice(2);
const stores = {User: new Map(), Group: new Map()};

for (const type of [SCIMMY.Resources.User, SCIMMY.Resources.Group]) {
    const store = stores[type.name];
    SCIMMY.Resources.declare(type)
        .egress((resource) => {
            if (resource.id) {
                const found = store.get(resource.id);
                if (!found) throw new SCIMMY.Types.Error(404, null, `Resource ${resource.id} not found`);
                return found;
            }
            const all = [...store.values()];
            return resource.filter ? resource.filter.match(all) : all; // SCIMMY leaves filtering to the store
        })
        .ingress((resource, instance) => {
            if (type.name === "User") {
                for (const other of store.values()) {
                    if (other.id !== resource.id && other.userName?.toLowerCase() === instance.userName?.toLowerCase()) {
                        throw new SCIMMY.Types.Error(409, "uniqueness", `userName ${instance.userName} is taken`);
                    }
                }
            }
            const id = resource.id ?? randomUUID();
            if (resource.id && !store.has(id)) throw new SCIMMY.Types.Error(404, null, `Resource ${id} not found`);
            const now = new Date().toISOString();
            const stored = {...instance, id, meta: {created: store.get(id)?.meta?.created ?? now, lastModified: now}};
            store.set(id, stored);
            return stored;
        })
        .degress((resource) => {
            if (!store.delete(resource.id)) throw new SCIMMY.Types.Error(404, null, `Resource ${resource.id} not found`);
        });
}

const app = express();
app.use("/scim/v2", new SCIMMYRouters({
    type: "bearer",
    handler: (request) => {
        if (request.header("Authorization") !== `Bearer ${token}`) throw new Error("bad token");
        return "test-client";
    }
}));
// test-only peek at the stored data, outside the SCIM API
app.get("/state", (request, response) => response.json({users: [...stores.User.values()], groups: [...stores.Group.values()]}));
const server = app.listen(Number(port), "127.0.0.1", () => console.log(`listening ${server.address().port}`));
