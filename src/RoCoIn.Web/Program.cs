using RoCoIn.Web.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddRoCoInStudio();

var app = builder.Build();
await app.InitializeDatabaseAsync();
app.MapRoCoInStudio();

app.Run();
