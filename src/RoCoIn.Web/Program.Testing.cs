// Lets WebApplicationFactory<Program> in the test projects find the entry point.
public partial class Program;
