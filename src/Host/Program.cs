return ShampooActors.Host.Cli.Run(args);
