using FraudActors.Gateway.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddFraudActors();

var app = builder.Build();
app.MapFraudActors();
app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
