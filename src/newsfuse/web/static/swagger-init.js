// Swagger UI over this server's OpenAPI schema (/docs). A file, not an inline script: the
// pages' Content-Security-Policy allows scripts from this origin only.
window.addEventListener("DOMContentLoaded", function () {
  var target = document.getElementById("swagger-ui");
  if (!target || typeof SwaggerUIBundle === "undefined") return;
  window.ui = SwaggerUIBundle({
    url: target.dataset.openapi,
    domNode: target,
    deepLinking: true,
    tryItOutEnabled: false,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    defaultModelsExpandDepth: -1, // the schemas are in /openapi.json; the operations show their own
  });
});
