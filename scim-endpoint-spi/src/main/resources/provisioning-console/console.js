/*
 * Sync status and SCIM settings page. Signs the admin in with OIDC authorization code + PKCE through the public client
 * "provisioning-console" of the realm in the URL, keeps the tokens in memory only, and calls the admin REST APIs with the
 * admin's access token; what the admin may see or do is decided there. Labels come from the admin theme's messages.
 */
(() => {
    'use strict';

    const CLIENT_ID = 'provisioning-console';
    const LANGUAGES = ['en', 'de', 'fr'];
    const POLL_MS = 3000;

    const pagePath = location.pathname;
    const serverUrl = location.origin + pagePath.substring(0, pagePath.indexOf('/realms/'));
    const loginRealm = decodeURIComponent(pagePath.substring(pagePath.indexOf('/realms/') + 8).split('/')[0]);
    const pageUrl = location.origin + pagePath;
    const oidcUrl = `${serverUrl}/realms/${encodeURIComponent(loginRealm)}/protocol/openid-connect`;
    const query = new URLSearchParams(location.search);

    let realm = query.get('realm') || sessionStorage.getItem('provisioning-console.realm') || loginRealm;
    let messages = {};
    let tokens = null;
    let deadLettersOf = null;
    let sync = null;
    /** the last connection test per target id: {ok, text}, or {pending} while it runs; kept across the table's re-renders */
    const connectionTests = new Map();

    const $ = (id) => document.getElementById(id);

    // ---- i18n -------------------------------------------------------------------------------------------------------

    function language() {
        const preferred = (navigator.languages || [navigator.language]).map((l) => l.substring(0, 2).toLowerCase());
        return preferred.find((l) => LANGUAGES.includes(l)) || 'en';
    }

    async function loadMessages() {
        const lang = language();
        document.documentElement.lang = lang;
        try {
            const response = await fetch(`${serverUrl}/resources/${encodeURIComponent(loginRealm)}/admin/${lang}`);
            for (const entry of await response.json()) {
                messages[entry.key] = entry.value;
            }
        } catch (e) {
            // the page stays usable with the English texts of the HTML and message keys elsewhere
        }
        document.querySelectorAll('[data-msg]').forEach((node) => {
            if (messages[node.dataset.msg]) {
                node.textContent = messages[node.dataset.msg];
            }
        });
        document.title = t('provisioningConsoleTitle');
    }

    function t(key, ...args) {
        const text = messages[key] || key;
        return text.replace(/\{(\d+)}/g, (all, i) => (args[i] === undefined ? all : String(args[i])));
    }

    // ---- sign-in (authorization code + PKCE) ---------------------------------------------------------------------

    function randomString(bytes) {
        return base64Url(crypto.getRandomValues(new Uint8Array(bytes)));
    }

    function base64Url(buffer) {
        return btoa(String.fromCharCode(...new Uint8Array(buffer))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    }

    async function signIn() {
        const verifier = randomString(48);
        const state = randomString(16);
        sessionStorage.setItem('provisioning-console.verifier', verifier);
        sessionStorage.setItem('provisioning-console.state', state);
        sessionStorage.setItem('provisioning-console.realm', realm);
        const challenge = base64Url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
        location.assign(`${oidcUrl}/auth?` + new URLSearchParams({
            client_id: CLIENT_ID, redirect_uri: pageUrl, response_type: 'code', response_mode: 'query', scope: 'openid',
            state, code_challenge: challenge, code_challenge_method: 'S256', ui_locales: language()
        }));
        return new Promise(() => {
        });
    }

    async function completeSignIn() {
        const verifier = sessionStorage.getItem('provisioning-console.verifier');
        const state = sessionStorage.getItem('provisioning-console.state');
        sessionStorage.removeItem('provisioning-console.verifier');
        sessionStorage.removeItem('provisioning-console.state');
        if (!verifier || query.get('state') !== state) {
            throw new Error('sign-in response does not match this browser session');
        }
        await tokenRequest({grant_type: 'authorization_code', code: query.get('code'), redirect_uri: pageUrl, code_verifier: verifier});
        history.replaceState(null, '', realm === loginRealm ? pageUrl : `${pageUrl}?realm=${encodeURIComponent(realm)}`);
    }

    async function tokenRequest(form) {
        const response = await fetch(`${oidcUrl}/token`, {
            method: 'POST', body: new URLSearchParams({client_id: CLIENT_ID, ...form})
        });
        if (!response.ok) {
            throw new Error(`token request: HTTP ${response.status}`);
        }
        const json = await response.json();
        tokens = {access: json.access_token, refresh: json.refresh_token, id: json.id_token, expiresAt: Date.now() + json.expires_in * 1000};
        const claims = JSON.parse(atob(json.access_token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
        $('user').textContent = claims.preferred_username || '';
    }

    async function accessToken() {
        if (tokens && tokens.expiresAt - Date.now() < 30000) {
            try {
                await tokenRequest({grant_type: 'refresh_token', refresh_token: tokens.refresh});
            } catch (e) {
                tokens = null;
            }
        }
        return tokens ? tokens.access : signIn();
    }

    function signOut() {
        sessionStorage.removeItem('provisioning-console.realm');
        location.assign(`${oidcUrl}/logout?` + new URLSearchParams({
            client_id: CLIENT_ID, ...(tokens ? {id_token_hint: tokens.id} : {}), post_logout_redirect_uri: pageUrl
        }));
    }

    // ---- REST ---------------------------------------------------------------------------------------------------

    class ApiError extends Error {
        constructor(status, detail) {
            super(`HTTP ${status} ${detail}`);
            this.status = status;
        }
    }

    async function api(method, url) {
        const response = await fetch(url, {method, headers: {Authorization: `Bearer ${await accessToken()}`, Accept: 'application/json'}});
        // a 401 with a token just refreshed means this API refuses it (e.g. a token it does not accept): shown, never a sign-in loop
        if (!response.ok) {
            throw new ApiError(response.status, errorDetail(await response.text()));
        }
        return response.status === 204 ? null : response.json();
    }

    /** the human part of an error body: SCIM's detail, Keycloak's errorMessage / error, else the text itself */
    function errorDetail(body) {
        try {
            const json = JSON.parse(body);
            return json.detail || json.errorMessage || json.error_description || json.error || body;
        } catch (e) {
            return body.substring(0, 300);
        }
    }

    const outboundUrl = (path) => `${serverUrl}/admin/realms/${encodeURIComponent(realm)}/provisioning-outbound/${path}`;
    const provisioningUrl = (path) => `${serverUrl}/realms/${encodeURIComponent(realm)}/provisioning/${path}`;

    function notice(error) {
        const box = $('notice');
        if (!error) {
            box.hidden = true;
            return;
        }
        box.textContent = errorText(error);
        box.hidden = false;
    }

    function errorText(error) {
        return error instanceof ApiError && error.status === 403
            ? t('provisioningConsoleForbidden', error.message) : t('provisioningConsoleFailed', error.message);
    }

    /** runs a button's action with the button disabled, then refreshes what it changed */
    function action(button, run) {
        button.addEventListener('click', async () => {
            button.disabled = true;
            try {
                notice(null);
                await run();
            } catch (e) {
                notice(e);
            } finally {
                button.disabled = false;
            }
        });
        return button;
    }

    // ---- DOM helpers --------------------------------------------------------------------------------------------

    function el(tag, attributes, ...children) {
        const node = document.createElement(tag);
        Object.entries(attributes || {}).forEach(([name, value]) => {
            if (value !== undefined && value !== null) {
                node.setAttribute(name, value);
            }
        });
        children.flat().forEach((child) => node.append(child instanceof Node ? child : String(child ?? '')));
        return node;
    }

    function button(label, attributes) {
        return el('button', {type: 'button', ...attributes}, label);
    }

    function copyButton(buttonId, inputId) {
        action($(buttonId), async () => {
            const input = $(inputId);
            input.select();
            try {
                await navigator.clipboard.writeText(input.value);
            } catch (e) {
                document.execCommand('copy');
            }
            $(buttonId).textContent = t('provisioningConsoleCopied');
            setTimeout(() => ($(buttonId).textContent = t('provisioningConsoleCopy')), 1500);
        });
    }

    // ---- outbound targets ---------------------------------------------------------------------------------------

    async function refreshTargets() {
        const targets = await api('GET', outboundUrl('targets'));
        const rows = targets.map((target) => el('tr', {'data-target': target.name, 'data-target-id': target.id},
            el('td', {}, target.name, el('br'), el('small', {}, target.type)),
            el('td', {}, t(target.enabled ? 'provisioningConsoleYes' : 'provisioningConsoleNo')),
            el('td', {class: 'number', 'data-field': 'pending'}, target.pending),
            el('td', {class: 'number', 'data-field': 'oldest'},
                target.oldestPendingAgeSeconds == null ? '–' : t('provisioningConsoleSeconds', target.oldestPendingAgeSeconds)),
            el('td', {class: 'number', 'data-field': 'delivered'}, target.deliveredRecently),
            el('td', {class: 'number', 'data-field': 'dead'}, target.deadLetters),
            el('td', {class: 'error', 'data-field': 'last-error'}, target.lastError || ''),
            el('td', {},
                action(button(t('provisioningConsoleTestConnection'), {class: 'secondary', 'data-action': 'test'}), () => testConnection(target)),
                connectionTestResult(target)),
            el('td', {},
                action(button(t('provisioningConsoleShowDeadLetters'), {class: 'secondary', 'data-action': 'dead-letters'}), async () => {
                    deadLettersOf = target;
                    await refreshDeadLetters();
                }),
                action(button(t('provisioningConsoleReplayAll'), {'data-action': 'replay-all', disabled: target.deadLetters ? null : ''}),
                    () => replay(target, 'dead-letters/replay')),
                action(button(t('provisioningConsoleSync'), {'data-action': 'sync'}), () => startSync(target)))));
        $('targets').tBodies[0].replaceChildren(...(rows.length ? rows
            : [el('tr', {}, el('td', {colspan: 9}, t('provisioningConsoleNoTargets')))]));
        showSyncProgress(targets);
    }

    async function replay(target, path) {
        const result = await api('POST', outboundUrl(`targets/${encodeURIComponent(target.id)}/${path}`));
        $('notice').hidden = true;
        await refresh();
        return result;
    }

    /** GET ServiceProviderConfig with the target's credentials (server side); a refused call is shown like a failed test */
    async function testConnection(target) {
        connectionTests.set(target.id, {pending: true});
        let result;
        try {
            const check = await api('POST', outboundUrl(`targets/${encodeURIComponent(target.id)}/test`));
            const status = check.status == null ? t('provisioningConsoleTestNoAnswer') : `HTTP ${check.status}`;
            result = {ok: check.ok, text: t(check.ok ? 'provisioningConsoleTestOk' : 'provisioningConsoleTestFailed', status, check.detail || '')};
        } catch (e) {
            result = {ok: false, text: errorText(e)};
        }
        connectionTests.set(target.id, result);
        await refreshTargets();
    }

    function connectionTestResult(target) {
        const result = connectionTests.get(target.id);
        if (!result) {
            return '';
        }
        if (result.pending) {
            return el('p', {class: 'connection-test', 'data-field': 'connection-test'}, t('provisioningConsoleTesting'));
        }
        return el('p', {class: `connection-test ${result.ok ? 'ok' : 'error'}`, 'data-field': 'connection-test', 'data-ok': String(result.ok)},
            result.text);
    }

    async function refreshDeadLetters() {
        const panel = $('dead-letters');
        if (!deadLettersOf) {
            panel.hidden = true;
            return;
        }
        const target = deadLettersOf;
        const letters = await api('GET', outboundUrl(`targets/${encodeURIComponent(target.id)}/dead-letters?max=100`));
        $('dead-letters-title').textContent = `${t('provisioningConsoleDeadLetters')}: ${target.name}`;
        const rows = letters.map((letter) => el('tr', {'data-seq': letter.seq},
            el('td', {class: 'number'}, letter.seq),
            el('td', {}, letter.operation),
            el('td', {}, letter.resourceName || letter.userId || letter.groupId || ''),
            el('td', {class: 'number'}, letter.attempts),
            el('td', {}, letter.deadAt ? new Date(letter.deadAt).toLocaleString() : ''),
            el('td', {class: 'error', 'data-field': 'error'}, letter.error || ''),
            el('td', {}, action(button(t('provisioningConsoleReplay'), {'data-action': 'replay'}),
                () => replay(target, `dead-letters/${letter.seq}/replay`)))));
        panel.querySelector('tbody').replaceChildren(...(rows.length ? rows
            : [el('tr', {}, el('td', {colspan: 7}, t('provisioningConsoleNoDeadLetters')))]));
        panel.hidden = false;
    }

    /** initial sync / reconcile queues everything in scope; progress is the target's queue draining to zero */
    async function startSync(target) {
        sync = {target, report: null, queued: 0};
        const report = await api('POST', outboundUrl(`targets/${encodeURIComponent(target.id)}/sync`));
        sync.report = report;
        sync.queued = report.groups + report.users + report.memberships + report.deprovisions;
        $('sync-report').textContent = t('provisioningConsoleSyncReport', report.groups, report.users, report.memberships, report.deprovisions);
        await refresh();
    }

    function showSyncProgress(targets) {
        $('sync').hidden = !sync;
        if (!sync || !sync.report) {
            return;
        }
        const status = targets.find((target) => target.id === sync.target.id);
        const pending = status ? status.pending : 0;
        const total = Math.max(sync.queued, pending);
        const done = total - pending;
        const bar = $('sync-progress');
        bar.value = total ? Math.round((100 * done) / total) : 100;
        bar.dataset.done = String(pending === 0);
        $('sync-label').textContent = pending === 0
            ? `${sync.target.name}: ${t('provisioningConsoleSyncDone')}`
            : t('provisioningConsoleSyncProgress', sync.target.name, done, total);
    }

    // ---- SCIM endpoint ------------------------------------------------------------------------------------------

    async function refreshScim() {
        const settings = await api('GET', provisioningUrl('settings'));
        $('scim-base-url').value = settings.baseUrl;
        showScimState(settings);
        const source = settings.source || {};
        const fromWhere = (field) => t(source[field] === 'realm' ? 'provisioningConsoleFromRealm' : 'provisioningConsoleFromServer');
        // no values while the realm's settings cannot be used: nothing is in effect then
        const entries = settings.source ? [
            ['provisioningConsoleRequiredRole', 'requiredRole', settings.requiredRole],
            ['provisioningConsoleAudience', 'audience', settings.audience || t('provisioningConsoleNone')],
            ['provisioningConsoleDefaultPageSize', 'defaultPageSize', settings.defaultPageSize],
            ['provisioningConsoleMaxPageSize', 'maxPageSize', settings.maxPageSize],
            ['provisioningConsoleMaxBodyBytes', 'maxBodyBytes', settings.maxBodyBytes],
            ['provisioningConsoleMaxBulkOperations', 'maxBulkOperations', settings.maxBulkOperations]] : [];
        $('settings').replaceChildren(...entries.flatMap(([key, field, value]) => [el('dt', {}, t(key)),
            el('dd', {'data-setting': key, 'data-source': source[field]},
                el('span', {'data-value': ''}, value), ' ', el('small', {class: 'source'}, `(${fromWhere(field)})`))]));
        $('mapping-source').textContent = settings.source ? `(${fromWhere('attributeMappings')})` : '';
        $('mapping-source').dataset.source = source.attributeMappings || '';
        $('mapping').tBodies[0].replaceChildren(...(settings.attributeMappings || []).map((m) =>
            el('tr', {'data-scim-path': m.scimPath}, el('td', {}, m.scimPath), el('td', {}, m.userAttribute))));
        const clients = await Promise.all(settings.clients.map(async (clientId) => clientCard(clientId, await listTokens(clientId))));
        $('clients').replaceChildren(...(clients.length ? clients : [el('p', {}, t('provisioningConsoleNoClients', settings.requiredRole || '–'))]));
        $('scim-settings').hidden = false;
    }

    /** on, switched off, or off because the realm's settings cannot be used; and where to edit them */
    function showScimState(settings) {
        $('scim-state-text').textContent = settings.problem ? t('provisioningConsoleScimUnusable', settings.problem)
            : t(settings.enabled ? 'provisioningConsoleScimOn' : 'provisioningConsoleScimSwitchedOff');
        $('scim-state').dataset.enabled = String(settings.enabled);
        const edit = $('edit-settings');
        edit.hidden = !settings.adminConsoleUrl;
        if (settings.adminConsoleUrl) {
            edit.href = settings.adminConsoleUrl;
        }
    }

    async function listTokens(clientId) {
        try {
            return await api('GET', provisioningUrl(`scim-tokens/${encodeURIComponent(clientId)}`));
        } catch (e) {
            if (e instanceof ApiError && e.status === 403) {
                return null; // viewing settings is allowed, managing tokens (manage-clients) is not
            }
            throw e;
        }
    }

    function clientCard(clientId, tokenList) {
        const tokenUrl = (path) => provisioningUrl(`scim-tokens/${encodeURIComponent(clientId)}${path}`);
        const issue = async () => {
            const issued = await api('POST', tokenUrl(''));
            $('new-token-label').textContent = t('provisioningConsoleNewToken', clientId);
            $('new-token').value = issued.token;
            $('new-token-box').hidden = false;
            return issued;
        };
        const rows = (tokenList || []).map((token) => el('tr', {'data-token-id': token.id},
            el('td', {}, token.id),
            el('td', {}, new Date(token.created).toLocaleString()),
            el('td', {},
                action(button(t('provisioningConsoleRotate'), {'data-action': 'rotate'}), async () => {
                    await issue();
                    await api('DELETE', tokenUrl(`/${encodeURIComponent(token.id)}`));
                    await refreshScim();
                }),
                action(button(t('provisioningConsoleRevoke'), {class: 'danger', 'data-action': 'revoke'}), async () => {
                    await api('DELETE', tokenUrl(`/${encodeURIComponent(token.id)}`));
                    $('new-token-box').hidden = true;
                    await refreshScim();
                }))));
        return el('div', {class: 'client', 'data-client': clientId},
            el('h4', {}, clientId),
            tokenList === null ? el('p', {}, t('provisioningConsoleForbidden', 'manage-clients')) : [
                el('table', {},
                    el('thead', {}, el('tr', {}, el('th', {}, 'ID'), el('th', {}, t('provisioningConsoleTokenCreated')), el('th'))),
                    el('tbody', {}, rows.length ? rows : el('tr', {}, el('td', {colspan: 3}, t('provisioningConsoleNoTokens'))))),
                action(button(t('provisioningConsoleCreateToken'), {'data-action': 'create-token'}), async () => {
                    await issue();
                    await refreshScim();
                })]);
    }

    // ---- realm choice and start-up ------------------------------------------------------------------------------

    async function fillRealms() {
        let names = [realm];
        if (loginRealm === 'master') {
            try {
                names = (await api('GET', `${serverUrl}/admin/realms?briefRepresentation=true`)).map((r) => r.realm);
            } catch (e) {
                // an admin who may not list realms still manages the one in the URL
            }
        }
        const select = $('realm');
        select.replaceChildren(...names.map((name) => el('option', {value: name}, name)));
        select.value = realm;
        select.disabled = names.length < 2;
        select.addEventListener('change', () => {
            sessionStorage.setItem('provisioning-console.realm', select.value);
            location.assign(select.value === loginRealm ? pageUrl : `${pageUrl}?realm=${encodeURIComponent(select.value)}`);
        });
    }

    async function refresh() {
        try {
            await refreshTargets();
            await refreshDeadLetters();
            notice(null);
        } catch (e) {
            notice(e);
        }
    }

    async function start() {
        await loadMessages();
        if (query.has('code')) {
            await completeSignIn();
        } else if (query.has('error')) {
            throw new Error(`${query.get('error')}: ${query.get('error_description') || ''}`);
        } else {
            await signIn();
        }
        sessionStorage.setItem('provisioning-console.realm', realm);
        await fillRealms();
        $('sign-out').addEventListener('click', signOut);
        action($('refresh'), async () => {
            await refresh();
            await refreshScim();
        });
        copyButton('copy-base-url', 'scim-base-url');
        copyButton('copy-new-token', 'new-token');
        await refresh();
        try {
            await refreshScim();
        } catch (e) {
            notice(e);
        }
        setInterval(refresh, POLL_MS);
    }

    start().catch(notice);
})();
