using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace RoCoIn.Data;

/// <summary>Lets `dotnet ef migrations add` build the context without starting the web app.</summary>
internal sealed class RoCoInDbContextDesignFactory : IDesignTimeDbContextFactory<RoCoInDbContext>
{
    public RoCoInDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<RoCoInDbContext>().UseSqlite("Data Source=design.db").Options);
}
