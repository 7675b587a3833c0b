-- Drives the Article Lens language server from Neovim's built-in LSP client (Neovim 0.7+, headless).
-- Input (environment): AL_SERVER (path of bin/article-lens-server.js), AL_NODE (node binary), AL_FILE (article),
-- AL_OUT (where to write the JSON result), AL_HOVER_LINE/AL_HOVER_CHAR (0-based, UTF-16), AL_RENAME_TO (optional).
-- Output: one JSON object: capabilities, documentSymbol, hover, rename, diagnostics, error.
local out = {}
local function finish()
  vim.fn.writefile({ vim.fn.json_encode(out) }, os.getenv('AL_OUT'))
  vim.cmd('qall!')
end

local ok, err = pcall(function()
  local file = os.getenv('AL_FILE')
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local buf = vim.api.nvim_get_current_buf()
  local initialized = false
  local diags = nil
  local client_id = vim.lsp.start_client({
    name = 'article-lens',
    cmd = { os.getenv('AL_NODE'), os.getenv('AL_SERVER'), '--stdio' },
    root_dir = vim.fn.fnamemodify(file, ':p:h'),
    on_init = function() initialized = true end,
    handlers = {
      ['textDocument/publishDiagnostics'] = function(_, result)
        if result and result.uri == vim.uri_from_bufnr(buf) then diags = result.diagnostics end
      end,
    },
  })
  assert(client_id, 'start_client failed')
  assert(vim.wait(10000, function() return initialized end, 10), 'server did not initialize')
  vim.lsp.buf_attach_client(buf, client_id)
  local client = vim.lsp.get_client_by_id(client_id)
  out.capabilities = client.server_capabilities
  -- didOpen is sent on attach; the server answers with diagnostics (push).
  out.diagnosticsArrived = vim.wait(10000, function() return diags ~= nil end, 10)
  out.diagnostics = diags or {}

  local uri = vim.uri_from_bufnr(buf)
  local function request(method, params)
    local res, e = client.request_sync(method, params, 10000, buf)
    if not res then error(method .. ': ' .. tostring(e)) end
    if res.err then error(method .. ': ' .. vim.inspect(res.err)) end
    return res.result
  end
  local pos = { line = tonumber(os.getenv('AL_HOVER_LINE')), character = tonumber(os.getenv('AL_HOVER_CHAR')) }
  out.documentSymbol = request('textDocument/documentSymbol', { textDocument = { uri = uri } })
  out.hover = request('textDocument/hover', { textDocument = { uri = uri }, position = pos })
  local rename_to = os.getenv('AL_RENAME_TO')
  if rename_to and rename_to ~= '' and client.server_capabilities.renameProvider then
    local okr, r = pcall(request, 'textDocument/rename', { textDocument = { uri = uri }, position = pos, newName = rename_to })
    out.rename = okr and r or vim.NIL
    out.renameError = (not okr) and tostring(r) or nil
  end
  vim.lsp.stop_client(client_id)
end)
if not ok then out.error = tostring(err) end
finish()
