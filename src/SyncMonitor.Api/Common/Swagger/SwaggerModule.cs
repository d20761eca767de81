using Microsoft.OpenApi;
using SyncMonitor.Api.Common.Auth;

namespace SyncMonitor.Api.Common.Swagger;

public static class SwaggerModule
{
    private const string SchemeId = "ApiKey";

    public static IServiceCollection AddSwagger(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new OpenApiInfo { Title = "SyncMonitor", Version = "v1" });
            options.OperationFilter<OperationDocumentationFilter>();
            options.AddSecurityDefinition(SchemeId, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeyAuthenticationHandler.HeaderName,
                Description = "API key; see data/admin.key on first start.",
            });
            options.AddSecurityRequirement(document => new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(SchemeId, document)] = [],
            });
        });
        return services;
    }

    public static WebApplication MapSwagger(this WebApplication app)
    {
        app.UseSwagger();
        app.UseSwaggerUI(options => options.SwaggerEndpoint("/swagger/v1/swagger.json", "SyncMonitor v1"));
        return app;
    }
}
